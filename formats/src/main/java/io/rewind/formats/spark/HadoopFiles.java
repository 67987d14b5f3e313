package io.rewind.formats.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
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

    /**
     * Gives the part files Spark wrote under {@code path} ({@code part-*.txt}, {@code part-*.json}, compressed or not)
     * the ending {@code extension}, keeping a compression suffix: Spark's text and JSON writers take no file name.
     */
    public static void renameParts(SparkSession spark, String path, String extension) {
        Path root = new Path(path);
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            for (FileStatus s : fs.listStatus(root)) {
                Matcher m = SPARK_PART.matcher(s.getPath().getName());
                if (s.isFile() && m.matches()) {
                    String compression = m.group(3) == null ? "" : m.group(3);
                    fs.rename(s.getPath(), new Path(root, m.group(1) + extension + compression));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename the part files in " + path, e);
        }
    }

    private static final Pattern SPARK_PART = Pattern.compile("(part-.*?)\\.(txt|json)(\\.[a-z0-9]+)?");

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
