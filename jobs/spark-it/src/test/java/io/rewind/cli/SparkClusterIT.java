package io.rewind.cli;

import static io.rewind.cli.RunFingerprints.fingerprint;
import static io.rewind.cli.RunFingerprints.linesFingerprint;
import static io.rewind.cli.RunFingerprints.modelIdentity;
import static io.rewind.cli.RunFingerprints.modelNumbers;
import static io.rewind.cli.JsonAssertions.assertSameNumbers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.JoinRules;
import io.rewind.formats.Json;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.join.JoinConfig;
import io.rewind.jobs.join.JoinJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    static final List<String> PIPELINE = List.of("pipeline", "run", "--config", "retrain.yaml", "--interval",
            "2026-05-01", "--status-file", "status/pipeline.json");
    static final List<String> TRANSFORM = List.of("transform", "--model", "runs/ddqn-bcq/policy", "--input",
            "data/episodes", "--input-format", "parquet", "--output", "scored", "--output-format", "parquet");

    /** A README command with this test's folder in front of every path. */
    static String[] here(List<String> args) {
        return args.stream().map(a -> a.matches("(logs|data|runs|status)/.*|scored|retrain.yaml")
                ? dir.resolve(a).toString() : a).toArray(String[]::new);
    }

    @Test
    void theReadmeShowsTheCommandsThisTestRuns() throws Exception {
        String readme = Files.readString(Path.of("..", "..", "README.md")).replaceAll("\\\\\n\\s*", "");
        for (String[] c : List.of(new String[] {"cluster", String.join(" ", PIPELINE)},
                new String[] {"client", String.join(" ", TRANSFORM)})) {
            String line = SparkCluster.readmeLine(c[0], c[1]);
            assertTrue(readme.contains(line), "the README shows: " + line);
        }
    }

    /**
     * A job that fails in the driver on a worker (here: more bad rows than allowed, exit 3): the status file the
     * user named says why, and {@code rewind status} on it exits with the job's code, as the DAG's tasks run it.
     */
    @Test
    void aFailedJobInClusterDeployModeIsReportedByItsStatusFile() throws Exception {
        Path status = dir.resolve("status/join-strict.json");
        List<String> strict = List.of("join", "--decisions", "logs/decisions", "--rewards", "logs/rewards",
                "--output", "data/strict", "--reward-window", "5m", "--max-bad-fraction", "0", "--status-file",
                status.toString());
        SparkCluster.Run join = cluster.submit("cluster", here(strict));
        // Spark's standalone client exits 0 when the driver FAILED ("State of driver ... is FAILED, exiting
        // spark-submit JVM"): a scheduler must read the status file, as the DAG does with `rewind status`
        assertTrue(join.err().contains("is FAILED"), join.err());
        SparkCluster.Run check = SparkCluster.submitTo("local[1]", dir, "client", List.of(), "status",
                status.toString());
        assertEquals(Rewind.EXIT_TOO_MANY_BAD_ROWS, check.exit(), check.out() + check.err());
        var s = Json.tree(status);
        assertEquals("FAILED", s.get("status").asText(), s.toString());
        assertEquals(Rewind.EXIT_TOO_MANY_BAD_ROWS, s.get("exit_code").asInt(), s.toString());
        assertTrue(s.get("message").asText().contains("quarantined"), s.toString());
    }

    /** The simulator in client deploy mode writes the logs a local run writes (same seed). */
    @Test
    void simulateInClientDeployModeEqualsALocalRun() throws Exception {
        List<String> args = List.of("simulate", "--rows", "2000", "--malformed", "0.01", "--partitions", "2",
                "--target-epsilon", "0.1");
        List<String> onCluster = new ArrayList<>(args);
        onCluster.addAll(List.of("--output", dir.resolve("sim-cluster").toString()));
        SparkCluster.Run sim = cluster.submit("client", onCluster.toArray(new String[0]));
        assertEquals(0, sim.exit(), sim.err());
        List<String> local = new ArrayList<>(args);
        local.addAll(List.of("--output", dir.resolve("sim-local").toString()));
        assertEquals(0, Rewind.execute(local.toArray(new String[0])));
        for (String table : List.of("decisions", "rewards", "target")) {
            assertEquals(linesFingerprint(dir.resolve("sim-local").resolve(table)),
                    linesFingerprint(dir.resolve("sim-cluster").resolve(table)), table);
        }
    }

    /** A retraining round's YAML (join, train-bandit, promote) over this test's logs, its outputs under {@code home}. */
    static void writePipelineConfig(Path file, Path home) throws Exception {
        String yaml = String.join("\n", "experiment: recs", "registry: " + home.resolve("registry"),
                "decisions: " + logs + "/decisions", "rewards: " + logs + "/rewards",
                "interactions: " + home.resolve("interactions"), "models: " + home.resolve("models"),
                "learner: linucb", "reward_window: 5m", "");
        Files.writeString(file, yaml);
    }

    /** train-bandit on the local join, run once: what the round trains, and the model evaluate and transform use. */
    static synchronized Path localModel() throws Exception {
        Path model = dir.resolve("local-model.json");
        if (!Files.exists(model)) {
            assertEquals(0, Rewind.execute("train-bandit", "--data", localJoin(), "--learner", "linucb",
                    "--reduction", "mtr", "--model", model.toString()));
        }
        return model;
    }

    /**
     * The README's cluster-mode line: a retraining round (join, train-bandit warm-started from the registry, promote,
     * each a registry run) in the driver on a worker writes the tables and the model local runs write, and its status
     * file says how each step ended.
     */
    @Test
    void thePipelineInClusterDeployModeEqualsLocalRuns() throws Exception {
        Path home = Files.createDirectories(dir.resolve("cluster-loop"));
        writePipelineConfig(dir.resolve("retrain.yaml"), home);
        SparkCluster.Run round = cluster.submit("cluster", here(PIPELINE));
        assertEquals(0, round.exit(), round.err());
        var s = Json.tree(dir.resolve("status/pipeline.json"));
        assertEquals("SUCCEEDED", s.get("status").asText(), s.toString());
        for (String step : List.of("join", "train", "promote")) {
            assertEquals("done", s.get("summary").get(step).asText(), s.toString());
        }
        assertSameTables(localJoin(), home.resolve("interactions").toString());
        assertEquals(modelIdentity(localModel()), modelIdentity(home.resolve("models/recs-2026-05-01.json")),
                "the same model");
        assertSameNumbers(modelNumbers(localModel()), modelNumbers(home.resolve("models/recs-2026-05-01.json")),
                "the same scorers and metrics");
    }

    /** Evaluate in client deploy mode: the report's estimates equal a local run's, and the chart is written. */
    @Test
    void evaluateInClientDeployModeReportsWhatALocalRunReports() throws Exception {
        Path model = localModel();
        String data = localJoin();
        List<String> args = List.of("evaluate", "bandit", "--data", data, "--split", "eval", "--target-model", model.toString(),
                "--estimators", "ips,snips,dm,dr", "--bootstrap", "50");
        Path onCluster = dir.resolve("eval-cluster.json");
        List<String> clusterArgs = new ArrayList<>(args);
        clusterArgs.addAll(List.of("--report", onCluster.toString(), "--chart", dir.resolve("eval-cluster.png")
                .toString()));
        SparkCluster.Run eval = cluster.submit("client", clusterArgs.toArray(new String[0]));
        assertEquals(0, eval.exit(), eval.err());
        Path local = dir.resolve("eval-local.json");
        List<String> localArgs = new ArrayList<>(args);
        localArgs.addAll(List.of("--report", local.toString()));
        assertEquals(0, Rewind.execute(localArgs.toArray(new String[0])));
        var c = Json.tree(onCluster).get("target");
        var l = Json.tree(local).get("target");
        assertTrue(l.size() >= 4, l.toString());
        assertSameNumbers(l, c, "target");
        assertTrue(Files.size(dir.resolve("eval-cluster.png")) > 1000, "the chart");
    }

    /**
     * train-bandit with its statistics computed in the Workers' executors and merged (the default for linucb): the
     * model equals the one the local in-order pass trains (issue 18).
     */
    @Test
    void distributedTrainingOnTheClusterGivesTheInOrderModel() throws Exception {
        Path inOrder = dir.resolve("local-sequential-model.json");
        assertEquals(0, Rewind.execute("train-bandit", "--data", localJoin(), "--learner", "linucb",
                "--reduction", "mtr", "--training", "sequential", "--model", inOrder.toString()));
        Path merged = dir.resolve("cluster-distributed-model.json");
        SparkCluster.Run train = cluster.submit("client", "train-bandit", "--data", localJoin(), "--learner", "linucb",
                "--reduction", "mtr", "--model", merged.toString());
        assertEquals(0, train.exit(), train.err());
        var a = io.rewind.rl.bandit.BanditModel.load(inOrder);
        var b = io.rewind.rl.bandit.BanditModel.load(merged);
        assertEquals(a.provenance().rows(), b.provenance().rows());
        assertSameNumbers(Json.tree(Json.WRITER.writeValueAsString(a.scorers())),
                Json.tree(Json.WRITER.writeValueAsString(b.scorers())), "scorers");
    }

    /** A bandit model scores requests in cluster deploy mode as it does locally (decisions and their probabilities). */
    @Test
    void aBanditModelTransformInClusterDeployModeEqualsALocalRun() throws Exception {
        Path model = localModel();
        Path requests = Files.createDirectories(dir.resolve("requests"));
        List<String> lines = SparkCluster.requests(Path.of(logs, "decisions"));
        Files.write(requests.resolve("part-0.jsonl"), lines);
        List<String> args = List.of("transform", "--model", model.toString(), "--input", requests.toString(),
                "--output-format", "parquet", "--id-column", "event_id", "--max-bad-fraction", "0.2",
                "--decided-at", "2026-05-02T00:00:00Z");
        List<String> onCluster = new ArrayList<>(args);
        Path status = dir.resolve("status/transform.json");
        onCluster.addAll(List.of("--output", dir.resolve("served-cluster").toString(), "--status-file",
                status.toString()));
        SparkCluster.Run transform = cluster.submit("cluster", onCluster.toArray(new String[0]));
        assertEquals(0, transform.exit(), transform.err());
        assertTrue(Files.readString(status).contains("SUCCEEDED"), Files.readString(status));
        List<String> local = new ArrayList<>(args);
        local.addAll(List.of("--output", dir.resolve("served-local").toString()));
        assertEquals(0, Rewind.execute(local.toArray(new String[0])));
        assertEquals(fingerprint(dir.resolve("served-local").toString(), TableFormat.PARQUET),
                fingerprint(dir.resolve("served-cluster").toString(), TableFormat.PARQUET));
    }

    @Test
    void aBatchRlPolicyScoresWithDjlInTheExecutors() throws Exception {
        String episodes = dir.resolve("data/episodes").toString();
        String run = dir.resolve("runs/ddqn-bcq").toString();
        // simulate-rl and train-rl in client deploy mode: the episodes equal a local run's
        SparkCluster.Run simulate = cluster.submit("client", "simulate-rl", "--envs", "10", "--episodes-per-env", "2",
                "--output", episodes);
        assertEquals(0, simulate.exit(), simulate.err());
        String localEpisodes = dir.resolve("local-episodes").toString();
        assertEquals(0, Rewind.execute("simulate-rl", "--envs", "10", "--episodes-per-env", "2", "--output",
                localEpisodes));
        assertEquals(fingerprint(localEpisodes, TableFormat.PARQUET), fingerprint(episodes, TableFormat.PARQUET));
        // data-parallel on the two Workers' executors (DJL training in each, parameters averaged over the
        // workers' own sockets), the held-out estimates computed there too
        SparkCluster.Run train = cluster.submit("client", "train-rl", "--data", episodes, "--output", run, "--epochs",
                "2", "--workers", "2", "--sync-every", "5");
        assertEquals(0, train.exit(), train.err());
        var trained = io.rewind.rl.batch.RlPolicy.read(Path.of(run, "policy"));
        assertEquals(2, trained.epochs().size());
        assertTrue(Double.isFinite(trained.epochs().get(1).sdr()), "held-out estimates: " + trained.epochs());
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
