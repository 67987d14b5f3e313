package io.rewind.formats.spark;

import io.rewind.formats.ByteOrderMark;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.apache.spark.input.PortableDataStream;

/**
 * The non-blank lines of one text file with their 1-based line numbers, read lazily: gzip undone (by the name's
 * {@code .gz} or by the gzip magic number, as a log shipper's {@code .jsonl} often is gzip), a UTF-8 byte-order mark
 * removed. The file is closed when its last line has been read.
 */
final class NumberedLines {
    private final String path;
    private final BufferedReader reader;
    private long lineNo;
    private long number;

    NumberedLines(String path, PortableDataStream stream) throws IOException {
        this.path = path;
        InputStream in = new BufferedInputStream(stream.open());
        if (path.endsWith(".gz") || gzipped(in)) {
            in = new GZIPInputStream(in);
        }
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static boolean gzipped(InputStream in) throws IOException {
        in.mark(2);
        boolean magic = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return magic;
    }

    /** The next non-blank line, or null at the end of the file. */
    String next() {
        try {
            String l;
            do {
                l = reader.readLine();
                if (l != null) {
                    lineNo++;
                    l = ByteOrderMark.strip(l, lineNo);
                }
            } while (l != null && l.isBlank());
            if (l == null) {
                reader.close();
            }
            number = lineNo;
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException(path + " line " + (lineNo + 1), e);
        }
    }

    /** The line number of the line {@link #next} returned last. */
    long number() {
        return number;
    }
}
