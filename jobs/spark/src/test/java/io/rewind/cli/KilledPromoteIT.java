package io.rewind.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.LoggedInteractions;
import io.rewind.jobs.bandit.TrainBanditConfig;
import io.rewind.jobs.bandit.TrainBanditJob;
import io.rewind.jobs.registry.PromoteConfig;
import io.rewind.jobs.registry.PromoteJob;
import io.rewind.rl.bandit.Reduction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rewind promote} killed with SIGKILL in the middle of its run, as a real process: its run does not stay
 * RUNNING for ever, and the next promote proceeds.
 */
class KilledPromoteIT {
    static {
        System.setProperty("rewind.registry.lease", "PT3S");
    }

    static final SparkSession SPARK = LocalSpark.forTests();

    @TempDir
    Path dir;

    static Process launch(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        cmd.add("-Drewind.registry.lease=PT3S");
        cmd.add("-Dspark.master=local[1]");
        cmd.addAll(SparkCluster.jvmFlags());
        cmd.addAll(List.of("-cp", SparkCluster.assembly() + ":" + SparkCluster.SPARK_HOME.resolve("jars") + "/*",
                "io.rewind.cli.Rewind")); // as ./rewind runs it
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static Dataset<Row> runs(String registry) {
        return SPARK.read().format("delta").load(registry + "/runs");
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
    void aKilledPromoteIsMarkedFailedAndTheNextOneProceeds() throws Exception {
        String interactions = LoggedInteractions.write(SPARK, dir);
        String model = dir.resolve("model.json").toString();
        TrainBanditJob.run(SPARK, new TrainBanditConfig(List.of(interactions), TableFormat.PARQUET, "greedy",
                Reduction.MTR, "train", null, false, 4, 1, model, 0.01));
        String registry = dir.resolve("registry").toString();

        Process p = launch(dir.resolve("promote.log"), "promote", "--registry", registry, "--experiment", "e",
                "--candidate", model, "--data", interactions, "--data-format", "parquet");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (running(registry) != 1) {
            assertTrue(p.isAlive(), () -> "promote ended before it was killed: " + log());
            assertTrue(System.nanoTime() < deadline, "the run never showed as RUNNING");
            Thread.sleep(200);
        }
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, runs(registry).filter(col("state").equalTo("RUNNING")).count(), "left RUNNING by the kill");

        Thread.sleep(3_500); // past the lease
        JobSummary next = PromoteJob.run(SPARK, new PromoteConfig(registry, "e", model, List.of(interactions),
                TableFormat.PARQUET, "eval", "interval", 50, 1));
        assertEquals("PROMOTED", next.get("decision"), next.toTable());
        List<Row> all = runs(registry).orderBy("started_at").collectAsList();
        assertEquals(2, all.size());
        assertEquals("FAILED", all.get(0).getAs("state"));
        assertTrue(((String) all.get(0).getAs("message")).contains("no heartbeat since"),
                (String) all.get(0).getAs("message"));
        assertEquals("PROMOTED", all.get(1).getAs("state"));
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("promote.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
