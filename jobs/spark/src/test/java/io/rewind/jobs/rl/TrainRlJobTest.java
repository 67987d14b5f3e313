package io.rewind.jobs.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.cli.Rewind;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.rl.batch.DqnConfig;
import io.rewind.rl.batch.RlPolicy;
import io.rewind.rl.env.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * simulate-rl → train-rl → evaluate-rl on CartPole through Spark, the seed's CSV layout included; training from a
 * replay of several chunks.
 */
class TrainRlJobTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    @TempDir
    static Path dir;

    static JobSummary logged;

    @BeforeAll
    static void logRandomEpisodes() {
        logged = SimulateRlJob.run(SPARK, Simulator.CARTPOLE, 100, 5, LoggingPolicy.fixed(0.5, 0.5), 1,
                dir.resolve("episodes").toString(), TableFormat.PARQUET);
        SimulateRlJob.run(SPARK, Simulator.CARTPOLE, 100, 5, LoggingPolicy.fixed(0.5, 0.5), 1,
                dir.resolve("episodes.csv").toString(), TableFormat.SEED_CSV);
    }

    @Test
    void trainsFromParquetWritesMetricsAndThePolicyBeatsTheLogger() throws Exception {
        String out = dir.resolve("run").toString();
        JobSummary s = TrainRlJob.run(SPARK, TrainRlConfig.inDriver(List.of(dir.resolve("episodes").toString()),
                TableFormat.PARQUET, DqnConfig.defaults().withEpochs(25), 0.8, 0, out, 0.01).withChunkBytes(256 * 1024));
        assertTrue(s.count("replay_chunks") >= 3, "the training transitions in several chunks: " + s);
        assertEquals(500L, s.count("episodes"));
        assertEquals(logged.count("steps"), s.count("transitions"), "every episode ends in done: one transition a step");
        List<String> metrics = Files.readAllLines(Path.of(out, "metrics.csv"));
        assertEquals(26, metrics.size());
        assertTrue(Files.size(Path.of(out, "metrics.png")) > 1000);
        assertTrue(Files.isDirectory(Path.of(out, "checkpoints", "epoch-025")));
        RlPolicy p = RlPolicy.read(Path.of(out, "policy"));
        assertEquals(25, p.epochs().size());
        assertTrue(p.data().contains("episodes"));
        EvaluateRlJob.Result r = EvaluateRlJob.run(Simulator.CARTPOLE, out + "/policy", 100, 7);
        System.out.printf("train-rl 25 epochs: mean return %.1f (sd %.1f), logger %.1f%n", r.mean(), r.sd(),
                ((Number) logged.get("mean_return")).doubleValue());
        assertTrue(r.mean() >= 100, "mean return " + r.mean());
        assertEquals(100, java.util.Arrays.stream(r.histogram()).sum());
    }

    /**
     * Two workers (barrier tasks on local[2]) averaging their parameters every 20 steps, each on a shard of several
     * chunks: a policy that balances the pole as the one-process trainer's does, with the same per-epoch outputs.
     */
    @Test
    void trainsDataParallelOnTwoWorkers() throws Exception {
        String out = dir.resolve("run-2-workers").toString();
        JobSummary s = TrainRlJob.run(SPARK, TrainRlConfig.inDriver(List.of(dir.resolve("episodes").toString()),
                TableFormat.PARQUET, DqnConfig.defaults().withEpochs(25), 0.8, 0, out, 0.01).withWorkers(2)
                .withChunkBytes(256 * 1024));
        // more chunks than workers: each worker's shard is several chunks (a barrier stage cannot narrow them)
        assertTrue(s.count("replay_chunks") >= 4, s.toString());
        assertEquals(26, Files.readAllLines(Path.of(out, "metrics.csv")).size());
        assertTrue(Files.isDirectory(Path.of(out, "checkpoints", "epoch-025")));
        EvaluateRlJob.Result r = EvaluateRlJob.run(Simulator.CARTPOLE, out + "/policy", 100, 7);
        System.out.printf("train-rl 25 epochs on 2 workers: mean return %.1f (sd %.1f)%n", r.mean(), r.sd());
        assertTrue(r.mean() >= 100, "mean return " + r.mean());
    }

    @Test
    void moreWorkersThanTheLocalMasterHasSlotsAreRefusedAtOnce() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TrainRlJob.run(
                SPARK, TrainRlConfig.inDriver(List.of(dir.resolve("episodes").toString()), TableFormat.PARQUET,
                        DqnConfig.defaults().withEpochs(1), 0.8, 0, dir.resolve("run-3-workers").toString(), 0.01)
                        .withWorkers(3)));
        assertEquals("--workers 3 needs 3 task slots at once; the master local[2] has 2", e.getMessage());
        assertEquals(8, DataParallelTraining.localSlots("local[8,3]"));
        assertEquals(1, DataParallelTraining.localSlots("local"));
        assertEquals(Integer.MAX_VALUE, DataParallelTraining.localSlots("spark://127.0.0.1:7077"));
    }

    @Test
    void theMetricsChartDrawsTheBehaviourPolicysReturn() {
        List<io.rewind.rl.batch.EpochMetrics> epochs = List.of(
                new io.rewind.rl.batch.EpochMetrics(1, 0.1, 0.2, 20, 21, 22, Double.NaN, 1),
                new io.rewind.rl.batch.EpochMetrics(2, 0.1, 0.2, 30, 31, 32, Double.NaN, 1));
        org.knowm.xchart.XYChart chart = TrainRlJob.metricsChart(epochs, 22.5);
        org.knowm.xchart.XYSeries behaviour = chart.getSeriesMap().get(TrainRlJob.BEHAVIOUR);
        assertTrue(behaviour != null, chart.getSeriesMap().keySet().toString());
        for (double y : behaviour.getYData()) {
            assertEquals(22.5, y);
        }
        assertEquals(2, behaviour.getYData().length);
        assertTrue(!chart.getSeriesMap().containsKey("simulated return"), "no simulation, no line");
    }

    @Test
    void readsTheSeedsCsvLayoutIntoTheSameTransitions() throws Exception {
        String header = Files.readAllLines(Files.list(dir.resolve("episodes.csv")).filter(f -> f.getFileName().toString()
                .startsWith("part-")).findFirst().orElseThrow()).get(0);
        assertEquals("action,all_action_probabilities,episode_id,reward,cumulative_rewards,state_feature_0,"
                + "state_feature_1,state_feature_2,state_feature_3", header);
        var fromCsv = InMemory.transitions(io.rewind.formats.spark.TableReader.read(SPARK,
                io.rewind.formats.Tables.EPISODES, TableFormat.SEED_CSV, dir.resolve("episodes.csv").toString())
                .valid());
        var fromParquet = InMemory.transitions(io.rewind.formats.spark.TableReader.read(SPARK,
                io.rewind.formats.Tables.EPISODES, TableFormat.PARQUET, dir.resolve("episodes").toString()).valid());
        assertEquals(fromParquet.size(), fromCsv.size());
        assertEquals(fromParquet.action()[100], fromCsv.action()[100]);
        assertEquals(fromParquet.state()[100][2], fromCsv.state()[100][2], 1e-6f);
    }

    @Test
    void badEpisodeRowsAreQuarantinedAndTooManyFailTheJob() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, String.join("\n",
                "{\"episode_id\":1,\"step\":0,\"state\":[0.0,0.0,0.0,0.0],\"action\":1,\"action_probs\":[0.5,0.5],"
                        + "\"reward\":1.0,\"done\":false}",
                "{\"episode_id\":1,\"step\":1,\"state\":[0.0,0.1,0.0,0.0],\"action\":0,\"action_probs\":[0.5,0.5],"
                        + "\"reward\":1.0,\"done\":true}",
                "{\"episode_id\":2,\"step\":0,\"state\":[0.0,0.0,0.0],\"action\":0,\"action_probs\":[0.5,0.5],"
                        + "\"reward\":1.0,\"done\":true}",
                "{\"episode_id\":3,\"step\":0,\"state\":",
                "{\"episode_id\":1,\"step\":1,\"state\":[0.0,0.2,0.0,0.0],\"action\":0,\"action_probs\":[0.5,0.5],"
                        + "\"reward\":1.0,\"done\":true}", ""));
        int code = Rewind.execute("train-rl", "--data", bad.toString(), "--data-format", "jsonl", "--output",
                dir.resolve("bad-run").toString(), "--epochs", "1");
        assertEquals(3, code, "3 of 5 rows are bad: over the 5% default");
        List<String> reasons = SPARK.read().json(dir.resolve("bad-run/quarantine").toString()).orderBy("source_line")
                .select("reason").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(3, reasons.size(), "every bad row is in the quarantine the message names: " + reasons);
        assertEquals("step: episode 1 has step 1 more than once; the first copy is kept", reasons.get(2));
    }
}
