package io.rewind.formats.spark;

import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
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
        private final NumberedLines lines;
        private String next;

        Lines(String path, PortableDataStream stream) throws IOException {
            this.path = path;
            this.lines = new NumberedLines(path, stream);
            this.next = lines.next();
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
            Row r = RowFactory.create(path, lines.number(), next);
            next = lines.next();
            return r;
        }
    }
}
