package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.JoinRules;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.join.JoinConfig;
import io.rewind.jobs.join.JoinJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rewind on a real multi-process Spark standalone cluster (a Master and two Workers, only Spark's jars on their
 * classpath), submitted as a user does: the assembly jar, nothing else. The cluster's tables equal a local run's.
 */
class SparkClusterIT {
    static final SparkSession SPARK = LocalSpark.forTests();

    @TempDir
    static Path dir;
    static SparkCluster cluster;
    static String logs;

    @BeforeAll
    static void startClusterAndLog() throws Exception {
        cluster = new SparkCluster(Files.createDirectories(dir.resolve("cluster")), 2);
        logs = dir.resolve("logs").toString();
        assertEquals(0, Rewind.execute("simulate", "--output", logs, "--rows", "3000", "--malformed", "0.01",
                "--partitions", "2"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Row count and a SHA-256 of the sorted rows of a table. */
    static String fingerprint(String path, TableFormat format) throws Exception {
        List<String> rows = new ArrayList<>();
        for (Row r : SPARK.read().format(format.cliName()).load(path).collectAsList()) {
            rows.add(r.toString());
        }
        rows.sort(null);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String r : rows) {
            md.update(r.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        return rows.size() + " rows, " + HexFormat.of().formatHex(md.digest());
    }

    static void assertSameTables(String local, String onCluster) throws Exception {
        assertEquals(fingerprint(local, TableFormat.DELTA), fingerprint(onCluster, TableFormat.DELTA), "interactions");
        for (String q : List.of("decisions", "rewards")) {
            assertEquals(fingerprint(local + "_quarantine/" + q, TableFormat.DELTA),
                    fingerprint(onCluster + "_quarantine/" + q, TableFormat.DELTA), q + " quarantine");
        }
    }

    static String localJoin() {
        String out = dir.resolve("local-interactions").toString();
        if (!Files.exists(Path.of(out))) {
            JoinJob.run(SPARK, new JoinConfig(List.of(logs + "/decisions"), TableFormat.JSONL,
                    List.of(logs + "/rewards"), TableFormat.JSONL, out, TableFormat.DELTA,
                    JoinConfig.defaultQuarantine(out), JoinConfig.defaultSummary(out),
                    new JoinRules(Duration.ofMinutes(5), 0, false, JoinRules.Aggregation.FIRST, 0.8), 0.2));
        }
        return out;
    }

    /** The README's cluster commands, with the paths this test uses. */
    static final List<String> JOIN = List.of("join", "--decisions", "logs/decisions", "--rewards", "logs/rewards",
            "--output", "data/interactions", "--reward-window", "5m", "--max-bad-fraction", "0.2");
    static final List<String> TRANSFORM = List.of("transform", "--model", "runs/ddqn-bcq/policy", "--input",
            "data/episodes", "--input-format", "parquet", "--output", "scored", "--output-format", "parquet");

    /** A README command with this test's folder in front of every path. */
    static String[] here(List<String> args) {
        return args.stream().map(a -> a.matches("(logs|data|runs)/.*|scored")
                ? dir.resolve(a).toString() : a).toArray(String[]::new);
    }

    @Test
    void theReadmeShowsTheCommandsThisTestRuns() throws Exception {
        String readme = Files.readString(Path.of("..", "..", "README.md")).replaceAll("\\\\\n\\s*", "");
        for (String[] c : List.of(new String[] {"cluster", String.join(" ", JOIN)},
                new String[] {"client", String.join(" ", TRANSFORM)})) {
            String line = SparkCluster.readmeLine(c[0], c[1]);
            assertTrue(readme.contains(line), "the README shows: " + line);
        }
    }

    @Test
    void joinInClusterDeployModeEqualsALocalRun() throws Exception {
        SparkCluster.Run join = cluster.submit("cluster", here(JOIN));
        assertEquals(0, join.exit(), join.err());
        String out = dir.resolve("data/interactions").toString();
        assertTrue(Files.readString(Path.of(out + "_summary.json")).contains("SUCCEEDED"));
        assertSameTables(localJoin(), out);
    }

    /**
     * A job that fails in the driver on a worker (here: more bad rows than allowed, exit 3): the status file the
     * user named says why, and {@code rewind status} on it exits with the job's code, as the DAG's tasks run it.
     */
    @Test
    void aFailedJobInClusterDeployModeIsReportedByItsStatusFile() throws Exception {
        Path status = dir.resolve("status/join-strict.json");
        List<String> strict = new ArrayList<>(JOIN);
        strict.set(strict.indexOf("data/interactions"), "data/strict");
        strict.set(strict.indexOf("--max-bad-fraction") + 1, "0");
        strict.addAll(List.of("--status-file", status.toString()));
        SparkCluster.Run join = cluster.submit("cluster", here(strict));
        // Spark's standalone client exits 0 when the driver FAILED ("State of driver ... is FAILED, exiting
        // spark-submit JVM"): a scheduler must read the status file, as the DAG does with `rewind status`
        assertTrue(join.err().contains("is FAILED"), join.err());
        SparkCluster.Run check = SparkCluster.submitTo("local[1]", dir, "client", List.of(), "status",
                status.toString());
        assertEquals(Rewind.EXIT_TOO_MANY_BAD_ROWS, check.exit(), check.out() + check.err());
        var s = io.rewind.formats.JsonCodec.MAPPER.readTree(Files.readString(status));
        assertEquals("FAILED", s.get("status").asText(), s.toString());
        assertEquals(Rewind.EXIT_TOO_MANY_BAD_ROWS, s.get("exit_code").asInt(), s.toString());
        assertTrue(s.get("message").asText().contains("quarantined"), s.toString());
    }

    @Test
    void aBatchRlPolicyScoresWithDjlInTheExecutors() throws Exception {
        String episodes = dir.resolve("data/episodes").toString();
        String run = dir.resolve("runs/ddqn-bcq").toString();
        assertEquals(0, Rewind.execute("simulate-rl", "--envs", "10", "--episodes-per-env", "2", "--output",
                episodes));
        assertEquals(0, Rewind.execute("train-rl", "--data", episodes, "--output", run, "--epochs", "1"));
        // a DJL cache no process has used: the executors unpack PyTorch's natives from the assembly jar
        Path executorCache = dir.resolve("executor-djl-cache");
        SparkCluster.Run transform = cluster.submit("client", List.of("spark.executorEnv.DJL_CACHE_DIR="
                + executorCache), here(TRANSFORM));
        assertEquals(0, transform.exit(), transform.err());
        assertEquals(SPARK.read().parquet(episodes).count(), SPARK.read().parquet(dir.resolve("scored").toString())
                .count(), "every state scored");
        try (var found = Files.walk(executorCache)) {
            assertTrue(found.anyMatch(p -> p.getFileName().toString().startsWith("libtorch")),
                    "PyTorch's natives were unpacked by the executors into their own cache");
        }
    }
}
