package io.rewind.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.spark.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job recorded in the registry (here {@code rewind join --registry R --experiment X}; {@code promote} holds its run
 * the same way) killed with SIGKILL in the middle of its run, as a real process: its run does not stay RUNNING for
 * ever, and the re-run proceeds and is recorded.
 */
class KilledRunIT {
    static {
        System.setProperty("rewind.registry.lease", "PT3S");
    }

    static final SparkSession SPARK = LocalSpark.forTests();

    @TempDir
    Path dir;

    static Process launch(Path log, String... args) throws Exception {
        List<String> cmd = SparkCluster.java("-Xmx2g", SparkCluster.assembly()); // as ./rewind runs it
        cmd.addAll(SparkCluster.interpretedSpark());
        cmd.addAll(List.of("-Drewind.registry.lease=PT3S", "-Drewind.table.lease=PT3S", "-Dspark.master=local[1]",
                "io.rewind.cli.Rewind"));
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static Dataset<Row> runs(String registry) {
        return SPARK.read().format("delta").load(registry + "/runs");
    }

    /**
     * Whether a Delta table has a commit this watch has not seen: the tests run their Spark query on the runs table
     * only then, since querying it in a loop kept one of the machine's two cores from the process under test.
     */
    static final class CommitWatch {
        private final Path log;
        private long seen = -1;

        CommitWatch(String table) {
            log = Path.of(table, "_delta_log");
        }

        boolean newCommit() {
            long commits;
            try (var files = Files.list(log)) {
                commits = files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
            } catch (java.io.IOException e) {
                return false; // no log yet
            }
            boolean changed = commits != seen;
            seen = commits;
            return changed;
        }
    }

    /** Running runs, or 0 while the other process is still creating the table. */
    static long running(String registry) {
        try {
            return runs(registry).filter(col("state").equalTo("RUNNING")).count();
        } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes
            return 0;
        }
    }

    @Test
    void aKilledRunIsMarkedFailedAndTheReRunProceeds() throws Exception {
        String logs = dir.resolve("logs").toString();
        assertEquals(0, Rewind.execute("simulate", "--output", logs, "--rows", "2000", "--partitions", "2"));
        String registry = dir.resolve("registry").toString();
        String[] join = {"join", "--decisions", logs + "/decisions", "--rewards", logs + "/rewards", "--output",
            dir.resolve("interactions").toString(), "--registry", registry, "--experiment", "e"};

        Process p = launch(dir.resolve("run.log"), join);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        CommitWatch runsLog = new CommitWatch(registry + "/runs");
        while (!(runsLog.newCommit() && running(registry) == 1)) {
            assertTrue(p.isAlive(), () -> "the job ended before it was killed: " + log());
            assertTrue(System.nanoTime() < deadline, "the run never showed as RUNNING");
            Thread.sleep(100);
        }
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, running(registry), "left RUNNING by the kill");

        Thread.sleep(3_500); // past the lease
        assertEquals(0, Rewind.execute(join), "the re-run proceeds");
        List<Row> all = runs(registry).orderBy("started_at").collectAsList();
        assertEquals(2, all.size());
        assertEquals("FAILED", all.get(0).getAs("state"));
        assertTrue(((String) all.get(0).getAs("message")).contains("no heartbeat since"),
                (String) all.get(0).getAs("message"));
        assertEquals("SUCCEEDED", all.get(1).getAs("state"));
    }

    /**
     * {@code promote} killed right after its compare-and-set made the candidate the hosted model and before the
     * model states follow: whoever opens the registry next finds the promotion whole (the hosted model PROMOTED,
     * no other model PROMOTED), and the killed run FAILED once its lease is over.
     */
    @Test
    void aPromotionKilledAfterItsCommitPointIsWhole() throws Exception {
        String logs = dir.resolve("logs").toString();
        assertEquals(0, Rewind.execute("simulate", "--output", logs, "--rows", "2000", "--partitions", "2"));
        String interactions = dir.resolve("interactions").toString();
        assertEquals(0, Rewind.execute("join", "--decisions", logs + "/decisions", "--rewards", logs + "/rewards",
                "--output", interactions));
        String model = dir.resolve("model.json").toString();
        assertEquals(0, Rewind.execute("train-bandit", "--data", interactions, "--model", model));
        String registry = dir.resolve("registry").toString();
        Process p = launch(dir.resolve("run.log"), "promote", "--registry", registry, "--experiment", "e",
                "--candidate", model, "--data", interactions, "--bootstrap", "20");
        Path hostedCommit = Path.of(registry, "experiments", "_delta_log", "00000000000000000001.json");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (p.isAlive() && !Files.exists(hostedCommit)) {
            assertTrue(System.nanoTime() < deadline, "the promotion never committed");
            Thread.sleep(2);
        }
        assertTrue(p.isAlive(), () -> "the promotion ended before it was killed: " + log());
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));

        io.rewind.jobs.registry.Registry opened = new io.rewind.jobs.registry.Registry(SPARK, registry);
        String hosted = opened.hosted("e").orElseThrow();
        Dataset<Row> models = opened.table("models");
        assertEquals(List.of(hosted), models.filter(col("state").equalTo("PROMOTED")).select("model_id")
                .collectAsList().stream().map(r -> r.getString(0)).toList(), "the hosted model, and only it, PROMOTED");
        Thread.sleep(3_500); // past the lease
        new io.rewind.jobs.registry.Registry(SPARK, registry);
        assertEquals(List.of("FAILED"), runs(registry).select("state").collectAsList().stream()
                .map(r -> r.getString(0)).toList());
    }

    /**
     * {@code pipeline run} killed once its join step has succeeded: the step it was in is FAILED once its lease is
     * over, the re-run does not redo the join and completes the round, and the interactions are exactly what one
     * uninterrupted join of the interval's logs writes.
     */
    @Test
    void aPipelineKilledBetweenStepsResumesWithoutRedoingThem() throws Exception {
        String logs = dir.resolve("logs").toString();
        assertEquals(0, Rewind.execute("simulate", "--output", logs + "/2026-05-01", "--rows", "3000",
                "--partitions", "2", "--start", "2026-05-01T00:00:00Z"));
        String registry = dir.resolve("registry").toString();
        Path yaml = dir.resolve("retrain.yaml");
        Files.writeString(yaml, String.join("\n", "experiment: loop", "registry: " + registry,
                "decisions: " + logs + "/{interval}/decisions", "rewards: " + logs + "/{interval}/rewards",
                "interactions: " + dir.resolve("interactions"), "models: " + dir.resolve("models"),
                "learner: greedy", "reward_window: 1d", "train_ratio: 0.5", ""));
        String[] round = {"pipeline", "run", "--config", yaml.toString(), "--interval", "2026-05-01"};

        Process p = launch(dir.resolve("run.log"), round);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        CommitWatch runsLog = new CommitWatch(registry + "/runs");
        while (p.isAlive() && !(runsLog.newCommit() && steps(registry, "pipeline-join", "SUCCEEDED") > 0)) {
            assertTrue(System.nanoTime() < deadline, "the join step never succeeded");
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), () -> "the round ended before it was killed: " + log());
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));

        Thread.sleep(3_500); // past the lease
        assertEquals(0, Rewind.execute(round), "the re-run completes the round");
        assertEquals(1, steps(registry, "pipeline-join", null), "the join is not redone");
        assertTrue(steps(registry, "pipeline-train", "FAILED") + steps(registry, "pipeline-promote", "FAILED") <= 1,
                "at most the step the kill stopped (none when it came between two steps)");
        assertEquals(0, runs(registry).filter(col("state").equalTo("RUNNING")).count(), "no run left RUNNING");
        assertEquals(1, steps(registry, "pipeline-promote", "SUCCEEDED"));
        String once = dir.resolve("once").toString();
        assertEquals(0, Rewind.execute("join", "--decisions", logs + "/2026-05-01/decisions", "--rewards",
                logs + "/2026-05-01/rewards", "--output", once, "--reward-window", "1d", "--train-ratio", "0.5"));
        assertEquals(fingerprint(once), fingerprint(dir.resolve("interactions").toString()));
    }

    /** Runs of a kind (in a state, or any), 0 while the other process is still creating the table. */
    static long steps(String registry, String kind, String state) {
        try {
            Dataset<Row> r = runs(registry).filter(col("kind").equalTo(kind));
            return (state == null ? r : r.filter(col("state").equalTo(state))).count();
        } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes
            return 0;
        }
    }

    static List<String> fingerprint(String interactions) {
        return SPARK.read().format("delta").load(interactions).select("event_id", "action", "reward", "split")
                .orderBy("event_id").collectAsList().stream().map(Row::toString).toList();
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("run.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
