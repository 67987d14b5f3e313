package io.rewind.formats.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One writer at a time for a table without a transaction log (Parquet, text): a file {@value #NAME} in the table's
 * folder, created only if absent and naming its writer, rewritten every quarter of {@link #timeout()} while the write
 * runs (its modification time is its last renewal). A second writer is refused in one line; a lock whose writer was killed is
 * taken over once it has gone a {@link #timeout()} without renewal. Delta tables need none: Delta's own commit refuses
 * the second of two concurrent writers.
 */
public final class TableLock implements AutoCloseable {
    static final String NAME = "_rewind-writing";
    /** How long a lock may go unrenewed before it counts as its killed writer's ({@code -Drewind.table.lease}). */
    static Duration timeout() {
        return Duration.parse(System.getProperty("rewind.table.lease", "PT1M"));
    }

    private static final ScheduledExecutorService BEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rewind-table-lock");
        t.setDaemon(true);
        return t;
    });

    private final FileSystem fs;
    private final Path lock;
    private final String owner;
    private final ScheduledFuture<?> beat;

    private TableLock(FileSystem fs, Path lock, String owner) {
        this.fs = fs;
        this.lock = lock;
        this.owner = owner;
        long every = Math.max(1, timeout().toMillis() / 4);
        this.beat = BEATS.scheduleAtFixedRate(() -> {
            try {
                write(fs, lock, owner, true);
            } catch (IOException | RuntimeException e) {
                // retried at the next beat; a writer whose beats all fail loses its lock, as a killed one does
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** Takes the lock of the table at {@code path} (creating its folder), or refuses when another writer holds it. */
    public static TableLock take(SparkSession spark, String path) {
        Path root = new Path(path);
        FileSystem fs = OutputPaths.fs(spark, root);
        if (fs instanceof org.apache.hadoop.fs.ChecksumFileSystem checksummed) {
            // the local file system's checksum files cannot keep up with a file rewritten every few seconds
            fs = checksummed.getRawFileSystem();
        }
        Path lock = new Path(root, NAME);
        String owner = ManagementFactory.getRuntimeMXBean().getName() + " " + java.util.UUID.randomUUID();
        try {
            if (!fs.mkdirs(root)) {
                throw new IOException("Mkdirs failed to create " + root);
            }
            if (fs.exists(lock)) {
                String holder = read(fs, lock);
                Duration age = Duration.ofMillis(System.currentTimeMillis() - fs.getFileStatus(lock)
                        .getModificationTime());
                if (age.compareTo(timeout()) < 0) {
                    throw new OutputFailedException("another job is writing " + path + " (" + holder + ", lock"
                            + " renewed " + Math.max(0, age.toSeconds()) + " s ago); nothing of this run was written;"
                            + " run it again when that job is done (a killed job's lock expires " + timeout().toSeconds()
                            + " s after its last renewal)", null);
                }
                fs.delete(lock, false); // its writer was killed: the next write finishes what it left
            }
            write(fs, lock, owner, false);
            if (!read(fs, lock).equals(owner)) {
                throw racing(path, null);
            }
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw racing(path, e);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("already exists")) {
                throw racing(path, e);
            }
            throw new UncheckedIOException("cannot lock " + path + " for writing", e);
        }
        return new TableLock(fs, lock, owner);
    }

    /** The lock's writer, as it wrote itself in the lock's first line. */
    private static String read(FileSystem fs, Path lock) throws IOException {
        try (FSDataInputStream in = fs.open(lock)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.isEmpty() ? "a writer" : text.split("\n")[0];
        }
    }

    private static OutputFailedException racing(String path, Throwable cause) {
        return new OutputFailedException("another job began writing " + path + " at the same time; nothing of this"
                + " run was written; run it again when that job is done", cause);
    }

    /** The lock's content: its writer, then the time it was written (for people; its age is its modification time). */
    private static void write(FileSystem fs, Path lock, String owner, boolean overwrite) throws IOException {
        try (FSDataOutputStream out = fs.create(lock, overwrite)) {
            out.write((owner + "\n" + Instant.now()).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        beat.cancel(false);
        try {
            fs.delete(lock, false);
        } catch (IOException e) {
            // a lock left behind expires after TIMEOUT
        }
    }
}
