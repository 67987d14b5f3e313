package io.rewind.jobs.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * A lease per running run: a small file under the registry ({@code _leases/RUN_ID}) holding the time it was last
 * renewed, rewritten every quarter of {@link #TIMEOUT} by a daemon thread while the run's process lives. Files, not
 * Delta commits, so heartbeats never conflict with the registry's transactions; rewritten, not touched, so it works
 * on object stores without modification times.
 */
final class RunLeases {
    /** How long a run may go without a heartbeat before it counts as dead ({@code -Drewind.registry.lease}). */
    static final Duration TIMEOUT = Duration.parse(System.getProperty("rewind.registry.lease", "PT1M"));
    private static final ScheduledExecutorService BEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rewind-run-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private static final Map<String, ScheduledFuture<?>> RUNNING = new ConcurrentHashMap<>();

    private final FileSystem fs;
    private final Path dir;

    RunLeases(SparkSession spark, String dir) {
        this.dir = new Path(dir);
        try {
            this.fs = this.dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + dir, e);
        }
    }

    void start(String runId) {
        renew(runId);
        long every = Math.max(1, TIMEOUT.toMillis() / 4);
        RUNNING.put(runId, BEATS.scheduleAtFixedRate(() -> {
            try {
                renew(runId);
            } catch (RuntimeException e) {
                // a missed beat is retried at the next one; a run whose beats all fail is marked stale, as it should
            }
        }, every, every, TimeUnit.MILLISECONDS));
    }

    void end(String runId) {
        ScheduledFuture<?> beat = RUNNING.remove(runId);
        if (beat != null) {
            beat.cancel(false);
        }
        try {
            fs.delete(new Path(dir, runId), false);
        } catch (IOException e) {
            // a leftover lease of a finished run is never read again
        }
    }

    Optional<Instant> lastRenewal(String runId) {
        Path p = new Path(dir, runId);
        try (FSDataInputStream in = fs.open(p)) {
            return Optional.of(Instant.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim()));
        } catch (IOException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private void renew(String runId) {
        try (FSDataOutputStream out = fs.create(new Path(dir, runId), true)) {
            out.write(Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot renew the lease of run " + runId + " under " + dir, e);
        }
    }
}
