package io.rewind.formats.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Small text files (reports, summaries, models) written to any Hadoop path: local, HDFS, S3 ... */
public final class HadoopFiles {
    private HadoopFiles() {
    }

    /** Writes {@code text} as UTF-8 to {@code path}, replacing what was there. */
    public static void writeString(Configuration conf, String path, String text) {
        Path p = new Path(path);
        try (OutputStream out = p.getFileSystem(conf).create(p, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    public static void writeString(SparkSession spark, String path, String text) {
        writeString(spark.sparkContext().hadoopConfiguration(), path, text);
    }

    /** Deletes a file or folder if it is there. */
    public static void delete(SparkSession spark, String path) {
        Path p = new Path(path);
        try {
            p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
