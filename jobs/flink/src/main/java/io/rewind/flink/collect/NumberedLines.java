package io.rewind.flink.collect;

import io.rewind.formats.ByteOrderMark;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/** The non-blank lines of a file as {@link RawLine}s of one table, numbered from 1. */
public class NumberedLines extends SimpleStreamFormat<RawLine> {
    private final String table;

    public NumberedLines(String table) {
        this.table = table;
    }

    @Override
    public StreamFormat.Reader<RawLine> createReader(Configuration config, FSDataInputStream stream) {
        BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        return new StreamFormat.Reader<>() {
            private long line;

            @Override
            public RawLine read() throws IOException {
                String l;
                do {
                    l = ByteOrderMark.strip(in.readLine(), ++line);
                } while (l != null && l.isBlank());
                return l == null ? null : new RawLine(table, table + "-file", line, l);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return TypeInformation.of(RawLine.class);
    }
}
