package io.rewind.formats.spark;

import io.rewind.formats.FieldException;
import io.rewind.formats.LineDecoder;
import io.rewind.formats.TableFormat;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Validator;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
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
    private final NumberedLines lines;
    private LineDecoder decoder;
    private String next;

    TextFileRows(TableSchema schema, TableFormat format, String path, PortableDataStream stream) throws IOException {
        this.schema = schema;
        this.validator = Validator.of(schema);
        this.path = path;
        this.lines = new NumberedLines(path, stream);
        String first = lines.next();
        if (first != null) {
            try {
                decoder = LineDecoder.forFile(schema, format, first);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(path + " line " + lines.number() + ": " + e.getMessage(), e);
            }
            if (decoder.firstLineIsHeader()) {
                first = lines.next();
            }
        }
        next = first;
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
        long at = lines.number();
        next = lines.next();
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
