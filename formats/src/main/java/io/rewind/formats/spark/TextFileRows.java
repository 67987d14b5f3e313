package io.rewind.formats.spark;

import io.rewind.formats.ByteOrderMark;
import io.rewind.formats.FieldException;
import io.rewind.formats.LineDecoder;
import io.rewind.formats.TableFormat;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Row;

/**
 * The rows of one text file (JSON lines, CSV, seed CSV; gzip'd or not), read lazily and numbered from line 1: each
 * decoded and checked against its table's rules, a bad one kept whole with its reason for the quarantine.
 */
final class TextFileRows implements Iterator<Row> {
    private final TableSchema schema;
    private final Validator validator;
    private final String path;
    private final BufferedReader reader;
    private LineDecoder decoder;
    private long lineNo;
    private String next;

    TextFileRows(TableSchema schema, TableFormat format, String path, PortableDataStream stream) throws IOException {
        this.schema = schema;
        this.validator = Validator.of(schema);
        this.path = path;
        InputStream in = new java.io.BufferedInputStream(stream.open());
        if (path.endsWith(".gz") || gzipped(in)) {
            in = new GZIPInputStream(in);
        }
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String first = readLine();
        if (first != null) {
            try {
                decoder = LineDecoder.forFile(schema, format, first);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(path + " line 1: " + e.getMessage(), e);
            }
            next = decoder.firstLineIsHeader() ? readNonBlank() : (first.isBlank() ? readNonBlank() : first);
        }
        if (next == null) {
            reader.close();
        }
    }

    /** A gzip stream's magic number, whatever the file is called (a log shipper's {@code .jsonl} often is). */
    private static boolean gzipped(InputStream in) throws IOException {
        in.mark(2);
        boolean magic = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return magic;
    }

    private String readLine() {
        try {
            String l = reader.readLine();
            if (l != null) {
                lineNo++;
            }
            return ByteOrderMark.strip(l, lineNo);
        } catch (IOException e) {
            throw new UncheckedIOException(path + " line " + (lineNo + 1), e);
        }
    }

    private String readNonBlank() {
        String l;
        do {
            l = readLine();
        } while (l != null && l.isBlank());
        return l;
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public Row next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        String line = next;
        long at = lineNo;
        next = readNonBlank();
        if (next == null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // the file was read to the end
            }
        }
        Object[] values;
        try {
            values = decoder.decode(line);
        } catch (FieldException e) {
            return SparkRows.toRow(schema, null, e.getMessage(), path, at, line);
        }
        String reason = validator.check(values);
        return SparkRows.toRow(schema, values, reason, path, at, reason == null ? null : line);
    }
}
