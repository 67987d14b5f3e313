package io.rewind.formats.spark;

import io.rewind.formats.ByteOrderMark;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The non-blank lines of text files (gzip too) with their file and 1-based line number, read lazily, one file per
 * task, so every line keeps an address for error messages and a stable id however the job is partitioned.
 */
public final class TextLines {
    private TextLines() {
    }

    /** Rows of (source_file string, source_line long, line string). */
    public static JavaRDD<Row> read(SparkSession spark, String... paths) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.hadoopConfiguration().setBoolean("mapreduce.input.fileinputformat.input.dir.recursive", true);
        return jsc.binaryFiles(String.join(",", paths), jsc.defaultParallelism())
                .filter(f -> !hidden(f._1()))
                .flatMap(f -> new Lines(f._1(), f._2()));
    }

    static boolean hidden(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.startsWith("_") || name.startsWith(".");
    }

    private static final class Lines implements Iterator<Row> {
        private final String path;
        private final BufferedReader reader;
        private long lineNo;
        private String next;
        private long nextNo;

        Lines(String path, PortableDataStream stream) throws IOException {
            this.path = path;
            InputStream in = stream.open();
            if (path.endsWith(".gz")) {
                in = new GZIPInputStream(in);
            }
            reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            advance();
        }

        private void advance() {
            try {
                String l;
                do {
                    l = reader.readLine();
                    if (l != null) {
                        lineNo++;
                        l = ByteOrderMark.strip(l, lineNo);
                    }
                } while (l != null && l.isBlank());
                next = l;
                nextNo = lineNo;
                if (l == null) {
                    reader.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(path + " line " + (lineNo + 1), e);
            }
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
            Row r = RowFactory.create(path, nextNo, next);
            advance();
            return r;
        }
    }
}
