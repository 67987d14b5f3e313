package io.rewind.cli;

import static io.rewind.cli.RunFingerprints.assertMapEquals;
import static io.rewind.cli.RunFingerprints.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code join} and {@code transform} killed with SIGKILL while they write, as real processes, into a new table and
 * over an existing one, Parquet and Delta: a reader then gets the table as it was before the run or a clear refusal,
 * never a part presented as the whole, and the re-run writes exactly what an uninterrupted run writes.
 */
class KilledWriteIT {
    static final SparkSession SPARK = io.rewind.formats.spark.LocalSpark.forTests();

    @TempDir
    static Path dir;
    static String logs;
    static String model;
    static List<String> joined;
    static List<String> scored;
    static Path requests;
    /** A killed writer's Parquet lock expires this long after its last renewal (in this JVM and the killed one). */
    static final java.time.Duration LEASE = java.time.Duration.ofSeconds(3);

    @org.junit.jupiter.api.AfterAll
    static void defaultLease() {
        System.clearProperty("rewind.table.lease");
    }

    /** Five days of logs (8,000 decisions), joined and scored once without interruption. */
    @BeforeAll
    static void uninterrupted() {
        System.setProperty("rewind.table.lease", LEASE.toString());
        logs = dir.resolve("logs").toString();
        assertEquals(0, Rewind.execute("simulate", "--output", logs, "--rows", "8000", "--rate", "0.02",
                "--partitions", "4"));
        String reference = dir.resolve("reference").toString();
        assertEquals(0, Rewind.execute(join(reference, TableFormat.PARQUET)));
        joined = interactions(reference, TableFormat.PARQUET);
        model = dir.resolve("model.json").toString();
        assertEquals(0, Rewind.execute("train-bandit", "--data", reference, "--data-format", "parquet", "--model", model));
        requests = dir.resolve("requests");
        try {
            Files.createDirectories(requests);
            Files.write(requests.resolve("part-0.jsonl"), SparkCluster.requests(Path.of(logs, "decisions")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String scoredPath = dir.resolve("scored-reference").toString();
        assertEquals(0, Rewind.execute(transform(scoredPath, TableFormat.PARQUET)));
        scored = scores(scoredPath, TableFormat.PARQUET);
        assertTrue(joined.size() > 6_000, "joined " + joined.size());
    }

    static String[] join(String out, TableFormat format) {
        return new String[]{"join", "--decisions", logs + "/decisions", "--rewards", logs + "/rewards", "--output",
            out, "--output-format", format.cliName()};
    }

    static String[] transform(String out, TableFormat format) {
        return new String[]{"transform", "--model", model, "--input", requests.toString(), "--output", out,
            "--output-format", format.cliName(), "--id-column", "event_id", "--decided-at", "2026-01-06T00:00:00Z"};
    }

    static List<String> interactions(String path, TableFormat format) {
        return sorted(TableReader.read(SPARK, Tables.INTERACTIONS, format, path).valid()
                .select("event_id", "timestamp", "action", "reward", "reward_observed", "split", "date"));
    }

    static List<String> scores(String path, TableFormat format) {
        return sorted(TableReader.raw(SPARK, format, path).drop("decision"));
    }

    static List<String> sorted(Dataset<Row> rows) {
        List<String> out = new ArrayList<>(rows.collectAsList().stream().map(Row::toString).toList());
        java.util.Collections.sort(out);
        return out;
    }

    /** Any data file under {@code out}, hidden staging and uncommitted folders included: the write has begun. */
    static boolean writing(Path out) {
        if (!Files.exists(out)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(out)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet")
                    || p.getFileName().toString().endsWith(".json") && p.toString().contains("part-"));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false; // a folder renamed away while walked
        }
    }

    /** Kills the command once {@code when} holds for its output; whether it was still running. */
    static boolean killWhen(Path out, Predicate<Path> when, String... args) throws Exception {
        STARTED.set(System.currentTimeMillis());
        Process p = KilledRunIT.launch(dir.resolve("killed-" + System.nanoTime() + ".log"), args);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (p.isAlive() && !when.test(out)) {
            assertTrue(System.nanoTime() < deadline, "the write never began");
            Thread.sleep(5);
        }
        boolean alive = p.isAlive();
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return alive;
    }

    /** What a reader gets now: the rows, or the refusal's message. */
    static Object read(java.util.function.Supplier<List<String>> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    void check(String what, TableFormat format, java.util.function.Function<String, String[]> command,
               java.util.function.BiFunction<String, TableFormat, List<String>> reader, List<String> expected,
               boolean existing) throws Exception {
        Path out = dir.resolve(what + "-" + format.cliName() + (existing ? "-over" : "-new"));
        if (existing) {
            assertEquals(0, Rewind.execute(command.apply(out.toString())));
        }
        Predicate<Path> begun = existing ? p -> Files.exists(p.resolve("_temporary")) || staging(p) : p -> writing(p);
        boolean killedWhileRunning = killWhen(out, begun, command.apply(out.toString()));
        assertTrue(killedWhileRunning, what + " ended before the kill");
        Object seen = read(() -> reader.apply(out.toString(), format));
        if (seen instanceof String refusal) {
            assertTrue(refusal.contains(out.toString()) && !refusal.contains("Exception"), refusal);
            if (existing && format == TableFormat.PARQUET) {
                // staged: the old table stays whole until the swap, a few renames at the end of the write
                assertTrue(refusal.contains("is half-swapped"), "the old table is readable until the swap: " + refusal);
            }
        } else {
            assertTrue(existing, "a new table read as complete after its only write was killed: " + seen);
            assertEquals(expected, seen, "the table before the killed run");
        }
        if (format == TableFormat.PARQUET) {
            Thread.sleep(LEASE.toMillis() + 500); // the killed run's lock expires
        }
        assertEquals(0, Rewind.execute(command.apply(out.toString())), "the re-run");
        List<String> after = reader.apply(out.toString(), format);
        assertEquals(expected.size(), after.size(), "as many rows as an uninterrupted run");
        assertEquals(expected, after, "the same rows");
    }

    /** A Parquet merge has staged data files. */
    static boolean staging(Path out) {
        try (Stream<Path> files = Files.list(out)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("_staging-") && writing(p));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Two joins started at once into the same new Parquet table: each succeeds or stops with one line saying
     * another job is writing it, at least one succeeds, and the table is exactly the uninterrupted run's, never a
     * mix (Delta's own commit refuses the second writer: {@code JoinMergeTest}).
     */
    @Test
    void twoJoinsAtOnceGiveOneTable() throws Exception {
        TableFormat format = TableFormat.PARQUET;
        Path out = dir.resolve("concurrent-" + format.cliName());
        Path logA = dir.resolve("concurrent-a.log");
        Path logB = dir.resolve("concurrent-b.log");
        Process a = KilledRunIT.launch(logA, join(out.toString(), format));
        Process b = KilledRunIT.launch(logB, join(out.toString(), format));
        assertTrue(a.waitFor(5, TimeUnit.MINUTES) && b.waitFor(5, TimeUnit.MINUTES));
        int succeeded = 0;
        for (Object[] run : new Object[][]{{a.exitValue(), logA}, {b.exitValue(), logB}}) {
            String log = Files.readString((Path) run[1]);
            if ((int) run[0] == 0) {
                succeeded++;
            } else {
                assertEquals(1, run[0], log);
                assertTrue(log.lines().anyMatch(l -> l.startsWith("rewind join: another job")), log);
                assertTrue(log.lines().noneMatch(l -> l.contains("Exception")), log);
            }
        }
        assertTrue(succeeded >= 1, "one of them succeeded");
        assertEquals(joined, interactions(out.toString(), format));
    }

    /**
     * {@code train-rl} killed between two epoch checkpoints of a run over an earlier run's output: the earlier
     * policy is still there, whole and loadable, each checkpoint folder is whole, and the re-run's policy has the
     * same weights as an uninterrupted run's.
     */
    @Test
    void trainRlKilledBetweenCheckpoints() throws Exception {
        String episodes = dir.resolve("episodes").toString();
        assertEquals(0, Rewind.execute("simulate-rl", "--envs", "10", "--episodes-per-env", "3", "--output",
                episodes));
        String reference = dir.resolve("rl-reference").toString();
        String[] train = {"train-rl", "--data", episodes, "--epochs", "40", "--output"};
        assertEquals(0, Rewind.execute(with(train, reference)));
        Path out = dir.resolve("rl");
        assertEquals(0, Rewind.execute(with(with(train, out.toString()), "--seed", "5")));
        java.util.Map<String, byte[]> before = weights(out.resolve("policy"));

        boolean running = killWhen(out, o -> newer(o, "epoch-003") && !newer(o, "epoch-040"),
                with(train, out.toString()));
        assertTrue(running, "train-rl ended before the kill");
        assertTrue(io.rewind.rl.batch.RlPolicy.read(out.resolve("policy")).epochs().size() == 40);
        assertMapEquals(before, weights(out.resolve("policy")), "the earlier policy, untouched");
        try (Stream<Path> checkpoints = Files.list(out.resolve("checkpoints"))) {
            for (Path c : checkpoints.filter(c -> !c.getFileName().toString().startsWith(".")).toList()) {
                assertEquals(2, weights(c).size(), "a whole checkpoint: " + c);
            }
        }
        assertEquals(0, Rewind.execute(with(train, out.toString())), "the re-run");
        assertMapEquals(weights(Path.of(reference, "policy")), weights(out.resolve("policy")),
                "an uninterrupted run's weights");
    }

    static String[] with(String[] args, String... more) {
        String[] out = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, out, args.length, more.length);
        return out;
    }

    /** Whether the killed run has written this checkpoint (the earlier run's are older than its start). */
    static boolean newer(Path out, String checkpoint) {
        try {
            return Files.getLastModifiedTime(out.resolve("checkpoints").resolve(checkpoint)).toMillis()
                    > STARTED.get();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static final java.util.concurrent.atomic.AtomicLong STARTED = new java.util.concurrent.atomic.AtomicLong();

    @Test
    void joinKilledWritingANewParquetTable() throws Exception {
        check("join", TableFormat.PARQUET, o -> join(o, TableFormat.PARQUET), KilledWriteIT::interactions, joined,
                false);
    }

    @Test
    void joinKilledMergingIntoAnExistingParquetTable() throws Exception {
        check("join", TableFormat.PARQUET, o -> join(o, TableFormat.PARQUET), KilledWriteIT::interactions, joined,
                true);
    }

    @Test
    void joinKilledWritingANewDeltaTable() throws Exception {
        check("join", TableFormat.DELTA, o -> join(o, TableFormat.DELTA), KilledWriteIT::interactions, joined, false);
    }

    @Test
    void transformKilledWritingANewParquetTable() throws Exception {
        check("transform", TableFormat.PARQUET, o -> transform(o, TableFormat.PARQUET), KilledWriteIT::scores,
                scored, false);
    }

    @Test
    void transformKilledReplacingAnExistingParquetTable() throws Exception {
        check("transform", TableFormat.PARQUET, o -> transform(o, TableFormat.PARQUET), KilledWriteIT::scores,
                scored, true);
    }

    @Test
    void transformKilledWritingANewDeltaTable() throws Exception {
        check("transform", TableFormat.DELTA, o -> transform(o, TableFormat.DELTA), KilledWriteIT::scores, scored,
                false);
    }
}
