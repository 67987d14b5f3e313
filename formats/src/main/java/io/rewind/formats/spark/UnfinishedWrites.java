package io.rewind.formats.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * What a write that was killed (or is still running) leaves in a table's folder, how readers recognise it and how
 * the next write finishes it.
 *
 * <ul>
 *   <li>Spark's {@code _temporary} folder: a Parquet or text write that has not committed (Spark removes it at the
 *   end of its commit).</li>
 *   <li>A {@code _staging-ID} folder holding {@value #SWAP_LIST}: a Parquet merge ({@link PartitionedTable}) was
 *   swapping its staged partitions in; each partition is whole (old or new), but the table is a mix until the swap
 *   is finished, which the next write into the table does first ({@link #finishSwaps}). One without the list is
 *   what a write killed while staging left; readers ignore it and the next write removes it.</li>
 *   <li>A {@code _delta_log} without a commit: a Delta table whose first write never committed.</li>
 * </ul>
 */
public final class UnfinishedWrites {
    static final String STAGING = "_staging-";
    /**
     * In a staging folder, the partition folders it replaces, one per line: {@code +name} for one it holds a new
     * version of, {@code -name} for one the write leaves with no rows (removed).
     */
    static final String SWAP_LIST = "_swapping";
    static final String REPLACED = "_replaced";

    private UnfinishedWrites() {
    }

    /**
     * Why the table at {@code path} must not be read as complete, or empty when nothing says so. The message names
     * the path and what to do.
     */
    public static Optional<String> describe(SparkSession spark, String path) {
        Path root = new Path(path);
        FileSystem fs = OutputPaths.fs(spark, root);
        try {
            if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
                return Optional.empty();
            }
            if (fs.exists(new Path(root, "_temporary"))) {
                return Optional.of(path + " is being written, or its writer was killed: it holds Spark's _temporary"
                        + " folder of uncommitted files; wait for the writer, or re-run the job that writes it");
            }
            List<Path> swaps = swaps(fs, root);
            if (!swaps.isEmpty()) {
                return Optional.of(path + " is half-swapped: a write was replacing its partitions when it stopped ("
                        + swaps.get(0).getName() + "); re-run the job that writes it, whose next write finishes the"
                        + " swap first");
            }
            OutputPaths.Kind kind = OutputPaths.kind(spark, path);
            if (kind == OutputPaths.Kind.EMPTY_FOLDER && begun(fs, root)) {
                return Optional.of(path + " holds no table yet: its first write did not finish (killed, or still"
                        + " running); re-run the job that writes it");
            }
            if (kind == OutputPaths.Kind.UNCOMMITTED_DELTA) {
                return Optional.of(path + " is a Delta table whose first write never committed (killed, or still"
                        + " running); re-run the job that writes it");
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at " + path, e);
        }
    }

    /** Whether a Rewind write has begun in the folder: its staging folder or its lock is there. */
    private static boolean begun(FileSystem fs, Path root) throws IOException {
        for (FileStatus s : fs.listStatus(root)) {
            String name = s.getPath().getName();
            if (name.startsWith(STAGING) || name.equals(TableLock.NAME)) {
                return true;
            }
        }
        return false;
    }

    /** The staging folders in {@code root} whose swap had begun. */
    private static List<Path> swaps(FileSystem fs, Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        for (FileStatus s : fs.listStatus(root)) {
            if (s.isDirectory() && s.getPath().getName().startsWith(STAGING)
                    && fs.exists(new Path(s.getPath(), SWAP_LIST))) {
                out.add(s.getPath());
            }
        }
        return out;
    }

    /** Records that {@code staging} is complete and the partitions it names are about to replace the live ones. */
    static void beginSwap(FileSystem fs, Path staging, List<String> partitionFolders) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String name : partitionFolders) {
            lines.add((fs.exists(new Path(staging, name)) ? "+" : "-") + name);
        }
        try (FSDataOutputStream out = fs.create(new Path(staging, SWAP_LIST), false)) {
            out.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Replaces each listed partition of {@code root} by its staged version, or removes it (the live one goes to the
     * staging folder's {@value #REPLACED}), then removes the staging folder. Run again after a kill halfway through,
     * it does the rest: a staged partition still in the staging folder has not been moved in, so the live one is
     * still the old one.
     */
    static void swap(FileSystem fs, Path root, Path staging) throws IOException {
        Path old = new Path(staging, REPLACED);
        fs.mkdirs(old);
        String list;
        try (var in = fs.open(new Path(staging, SWAP_LIST))) {
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : list.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String name = line.substring(1);
            Path live = new Path(root, name);
            Path fresh = new Path(staging, name);
            boolean staged = line.charAt(0) == '+';
            if (staged && !fs.exists(fresh)) {
                continue; // moved in already
            }
            if (fs.exists(live)) {
                rename(fs, live, new Path(old, name));
            }
            if (staged) {
                rename(fs, fresh, live);
            }
        }
        fs.delete(staging, true);
    }

    /**
     * Finishes the swaps that writes into {@code root} began and did not end (a kill between two renames), and
     * removes the staging folders of writes killed before their swap began. Called under the table's lock, so no
     * live writer owns any of them.
     */
    static void finishSwaps(SparkSession spark, String path) {
        Path root = new Path(path);
        FileSystem fs = OutputPaths.fs(spark, root);
        try {
            if (!fs.exists(root)) {
                return;
            }
            for (Path staging : swaps(fs, root)) {
                swap(fs, root, staging);
            }
            for (FileStatus s : fs.listStatus(root)) {
                if (s.isDirectory() && s.getPath().getName().startsWith(STAGING)) {
                    fs.delete(s.getPath(), true); // no swap list: its write never finished staging
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the swap a killed write began in " + path, e);
        }
    }

    private static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }
}
