package io.rewind.formats.spark;

import io.rewind.formats.Field;
import io.rewind.formats.TableFormat;
import io.rewind.formats.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * What a Parquet or Delta input must be before Spark reads it, said in one line naming the path: Spark's own errors
 * (DELTA_TABLE_NOT_FOUND, a Parquet footer error on a JSON file, every row null for a missing column) name neither
 * the option nor the fix.
 */
final class ColumnarInputs {
    private static final List<String> TEXT_ENDINGS = List.of(".json", ".jsonl", ".csv", ".txt", ".gz");

    private ColumnarInputs() {
    }

    static void requireReadable(SparkSession spark, TableFormat format, String... paths) {
        for (String p : paths) {
            Path path = new Path(p);
            try {
                FileSystem fs = OutputPaths.fs(spark, path);
                if (format == TableFormat.DELTA) {
                    if (!fs.exists(new Path(path, "_delta_log"))) {
                        throw new IllegalArgumentException(p + " is not a Delta table (it has no _delta_log); if it"
                                + " holds Parquet, JSON lines or CSV files, give that format");
                    }
                } else {
                    for (FileStatus match : fs.globStatus(path)) {
                        if (match.isDirectory()) {
                            requireOnlyParquet(fs, match.getPath(), p);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + p, e);
            }
        }
    }

    private static void requireOnlyParquet(FileSystem fs, Path folder, String p) throws IOException {
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(folder, true);
        while (files.hasNext()) {
            Path f = files.next().getPath();
            String name = f.getName().toLowerCase(Locale.ROOT);
            if (!hiddenBelow(folder, f) && TEXT_ENDINGS.stream().anyMatch(name::endsWith)) {
                throw new IllegalArgumentException(p + " holds " + f.getName() + ", which is not a Parquet file;"
                        + " a parquet input holds Parquet files only (give text files their own input and format)");
            }
        }
    }

    /** Spark skips files whose name, or the name of a folder between them and the input, starts with _ or . */
    private static boolean hiddenBelow(Path folder, Path f) {
        for (Path p = f; p != null && !p.equals(folder); p = p.getParent()) {
            if (PartitionedTable.hidden(p)) {
                return true;
            }
        }
        return false;
    }

    /** Every required field of the table is a column of the input. */
    static void requireColumns(TableSchema schema, StructType have, String... paths) {
        List<String> columns = List.of(have.fieldNames());
        for (Field f : schema.fields()) {
            if (f.required() && !columns.contains(f.name())) {
                throw new IllegalArgumentException(String.join(",", paths) + " has no column " + f.name()
                        + ", which table " + schema.name() + " needs; its columns are " + String.join(", ", columns));
            }
        }
    }
}
