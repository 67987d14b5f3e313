package io.rewind.formats.spark;

import io.rewind.formats.TableFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * What is at an output path before a job writes there. A job replaces only what it was told to own: an existing
 * file, or a folder holding another kind of data, is refused ({@link IllegalArgumentException}, exit 2).
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /** What a path holds. */
    public enum Kind { MISSING, FILE, EMPTY_FOLDER, DELTA, UNCOMMITTED_DELTA, PARQUET, TEXT, OTHER }

    public static FileSystem fs(SparkSession spark, Path p) {
        try {
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + p, e);
        }
    }

    /** The visible entries of a folder, sorted by name. */
    public static List<String> children(SparkSession spark, String path) {
        Path p = new Path(path);
        try {
            List<String> out = new ArrayList<>();
            for (FileStatus s : fs(spark, p).listStatus(p)) {
                if (!PartitionedTable.hidden(s.getPath())) {
                    out.add(s.getPath().toString());
                }
            }
            java.util.Collections.sort(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    public static Kind kind(SparkSession spark, String path) {
        Path p = new Path(path);
        FileSystem fs = fs(spark, p);
        try {
            if (!fs.exists(p)) {
                return Kind.MISSING;
            }
            if (fs.getFileStatus(p).isFile()) {
                return Kind.FILE;
            }
            if (fs.exists(new Path(p, "_delta_log"))) {
                return committed(spark, path) ? Kind.DELTA : Kind.UNCOMMITTED_DELTA;
            }
            List<FileStatus> visible = new ArrayList<>();
            for (FileStatus s : fs.listStatus(p)) {
                if (!PartitionedTable.hidden(s.getPath())) {
                    visible.add(s);
                }
            }
            if (visible.isEmpty()) {
                return Kind.EMPTY_FOLDER;
            }
            boolean parquet = true;
            boolean text = true;
            for (FileStatus s : visible) {
                String n = s.getPath().getName();
                boolean partitionDir = s.isDirectory() && n.contains("=");
                parquet &= partitionDir || n.endsWith(".parquet");
                text &= partitionDir || n.startsWith("part-") && !n.endsWith(".parquet");
            }
            return parquet ? Kind.PARQUET : text ? Kind.TEXT : Kind.OTHER;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at " + path, e);
        }
    }

    /**
     * The table at {@code path} may be created or written in {@code format}; anything else is refused. Returns
     * whether a table of that format is already there.
     */
    public static boolean requireWritableTable(SparkSession spark, String path, TableFormat format) {
        Kind k = kind(spark, path);
        Kind wanted = switch (format) {
            case DELTA -> Kind.DELTA;
            case PARQUET -> Kind.PARQUET;
            default -> Kind.TEXT;
        };
        if (k == wanted) {
            return true;
        }
        if (k == Kind.MISSING || k == Kind.EMPTY_FOLDER || k == Kind.UNCOMMITTED_DELTA && wanted == Kind.DELTA) {
            return false;
        }
        throw new IllegalArgumentException(path + " " + describe(k) + "; a " + format.cliName()
                + " output goes to a new folder or to a " + format.cliName() + " table it wrote before");
    }

    /** Like {@link #requireWritableTable}, and an existing table is replaced only when {@code overwrite} is set. */
    public static void requireNewTable(SparkSession spark, String path, TableFormat format, String option,
                                       boolean overwrite) {
        if (requireWritableTable(spark, path, format) && !overwrite) {
            throw new IllegalArgumentException(option + " " + path + " already holds a table; give a new path, or"
                    + " add --overwrite to replace it");
        }
    }

    /** Whether any Delta commit exists at {@code path}. */
    public static boolean committed(SparkSession spark, String path) {
        Path log = new Path(path, "_delta_log");
        try {
            FileSystem fs = fs(spark, log);
            return fs.exists(log) && java.util.Arrays.stream(fs.listStatus(log))
                    .anyMatch(f -> f.getPath().getName().matches("[0-9]+\\.(json|checkpoint.*\\.parquet)"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at " + log, e);
        }
    }

    /**
     * Marks the folder of a Delta table about to be created as one ({@code _delta_log}, empty until the first
     * commit; a table with a commit is left alone): Delta writes its data files before it creates its log, so a
     * first write killed in between would leave a folder that looks like Parquet, which the re-run would refuse to
     * write Delta into.
     */
    public static void beginDelta(SparkSession spark, String path) {
        if (committed(spark, path)) {
            return;
        }
        Path log = new Path(path, "_delta_log");
        try {
            if (!fs(spark, log).mkdirs(log)) {
                throw new IOException("Mkdirs failed to create " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + log, e);
        }
    }

    private static String describe(Kind k) {
        return switch (k) {
            case FILE -> "is an existing file";
            case DELTA -> "is a Delta table";
            case UNCOMMITTED_DELTA -> "is a Delta table whose first write never committed";
            case PARQUET -> "is a Parquet table";
            case TEXT -> "holds text part files";
            default -> "is a folder holding other files";
        };
    }
}
