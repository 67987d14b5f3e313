package io.rewind.formats.spark;

import io.rewind.formats.TableFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Parquet writes that never show a reader half a table: under the table's {@link TableLock}, the new files go to a
 * hidden {@code PATH/_staging-ID} folder and are then swapped in by renames ({@link UnfinishedWrites#swap}). Until
 * the swap, readers see the old table whole; a write killed during the swap is finished by the next write into the
 * table, and readers refuse the table until then. Spark's own overwrite would delete the old table first.
 */
public final class StagedParquet {
    private StagedParquet() {
    }

    /** A write's body: given a fresh staging folder, writes there and swaps it in. */
    interface Body {
        void run(Path staging) throws Exception;
    }

    /** Replaces the whole Parquet table at {@code path} by {@code rows}, written with the given writer options. */
    public static void replace(Dataset<Row> rows, String path, UnaryOperator<DataFrameWriter<Row>> options) {
        SparkSession spark = rows.sparkSession();
        locked(spark, path, staging -> {
            options.apply(rows.write().mode(SaveMode.ErrorIfExists)).parquet(staging.toString());
            Path root = new Path(path);
            TreeSet<String> names = new TreeSet<>(visible(spark, root));
            names.addAll(visible(spark, staging));
            swapIn(spark, root, staging, List.copyOf(names));
        });
    }

    /**
     * Runs {@code body} under the table's lock, after finishing what killed writes left ({@link
     * UnfinishedWrites#finishSwaps}); its staging folder is removed however it ends, and a failure the user can act
     * on (a second writer, a full disk) ends in an {@link OutputFailedException} saying so in one line.
     */
    static void locked(SparkSession spark, String path, Body body) {
        OutputPaths.requireWritableTable(spark, path, TableFormat.PARQUET); // before the lock creates a folder
        Path staging = new Path(new Path(path), UnfinishedWrites.STAGING + UUID.randomUUID());
        try (TableLock lock = TableLock.take(spark, path)) {
            UnfinishedWrites.finishSwaps(spark, path);
            body.run(staging);
        } catch (Exception e) { // Spark's own SparkException is a checked exception that Scala throws unchecked
            RunningTasks.awaitNone(spark); // before the staging folder goes
            OutputFailedException explained = OutputFailedException.explain(path, e);
            throw explained != null ? explained : OutputFailedException.rethrow(e);
        } finally {
            removeStaging(spark, staging);
        }
    }

    /**
     * Replaces each of {@code names} (top-level files or partition folders) in {@code root} by its version in
     * {@code staging}, or removes it when staging has none. {@code _SUCCESS} is absent from the table meanwhile.
     */
    static void swapIn(SparkSession spark, Path root, Path staging, List<String> names) {
        FileSystem fs = OutputPaths.fs(spark, root);
        Path success = new Path(root, "_SUCCESS");
        try {
            UnfinishedWrites.beginSwap(fs, staging, names);
            fs.delete(success, false);
            UnfinishedWrites.swap(fs, root, staging);
            fs.create(success, true).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot swap the new files into " + root, e);
        }
    }

    /** A folder's data files and partition folders, with the hidden {@code .NAME.crc} checksums of its files. */
    private static List<String> visible(SparkSession spark, Path folder) throws IOException {
        FileSystem fs = OutputPaths.fs(spark, folder);
        List<String> out = new ArrayList<>();
        if (fs.exists(folder)) {
            for (FileStatus s : fs.listStatus(folder)) {
                String name = s.getPath().getName();
                boolean checksum = name.startsWith(".") && !name.startsWith("._") && name.endsWith(".crc");
                if (!PartitionedTable.hidden(s.getPath()) || checksum) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /** A run's staging folder is gone when it ends, whether it succeeded or not. */
    private static void removeStaging(SparkSession spark, Path staging) {
        try {
            OutputPaths.fs(spark, staging).delete(staging, true);
        } catch (IOException e) {
            // best effort: staging folders are hidden from readers; one whose swap began is finished by the next
            // write, and one left without a swap list is removed by it
        }
    }
}
