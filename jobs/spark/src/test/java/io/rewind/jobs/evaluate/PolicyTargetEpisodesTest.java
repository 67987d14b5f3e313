package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.cli.Rewind;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.ope.Estimate;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.RlPolicy;
import io.rewind.rl.env.CartPole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved batch-RL policy as the target of an episodes evaluation: its probabilities are computed on Spark from
 * each step's state; they must give the same estimates as a target column the test computes itself in the driver,
 * and cover the policy's value from rolling it out in CartPole.
 */
class PolicyTargetEpisodesTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    @TempDir
    Path dir;

    @Test
    void aSavedPolicyIsATargetAndItsEstimatesCoverItsRolloutValue() {
        String episodes = dir.resolve("episodes").toString();
        String trained = dir.resolve("ddqn").toString();
        assertEquals(0, Rewind.execute("simulate-rl", "--envs", "50", "--episodes-per-env", "8", "--seed", "3",
                "--output", episodes));
        // a warm softmax keeps the target near the uniform logger, so importance sampling has the support it needs
        assertEquals(0, Rewind.execute("train-rl", "--data", episodes, "--output", trained, "--epochs", "3",
                "--seed", "1", "--softmax-temperature", "20"));
        String policyDir = trained + "/policy";
        double gamma = 0.99;

        EvaluationInput input = EvaluationInput.of(episodes, TableFormat.PARQUET);
        EvaluationReport fromPolicy = EpisodeEvaluation.run(SPARK, EpisodeEvaluationConfig.ofPolicy(input, policyDir)
                .with(gamma, 0, new Intervals(200, 0.95, 5)));

        double temperature = RlPolicy.read(Path.of(policyDir)).config().softmaxTemperature();
        List<Row> steps = SPARK.read().parquet(episodes).collectAsList();
        List<Row> withTarget = new ArrayList<>();
        try (DdqnBcq policy = RlPolicy.load(Path.of(policyDir))) {
            for (Row r : steps) {
                List<Double> s = r.getList(r.fieldIndex("state"));
                float[] state = new float[s.size()];
                for (int k = 0; k < state.length; k++) {
                    state[k] = s.get(k).floatValue();
                }
                withTarget.add(RowFactory.create(r.getLong(r.fieldIndex("episode_id")), r.getInt(r.fieldIndex("step")),
                        policy.score(new float[][] {state}).softmax(0, temperature)));
            }
        }
        StructType schema = new StructType().add("episode_id", DataTypes.LongType).add("step", DataTypes.IntegerType)
                .add("target_probs", DataTypes.createArrayType(DataTypes.DoubleType));
        String withColumn = dir.resolve("with-column").toString();
        SPARK.read().parquet(episodes).join(SPARK.createDataFrame(withTarget, schema), new String[] {"episode_id",
                "step"}).write().parquet(withColumn);
        EvaluationReport fromColumn = EpisodeEvaluation.run(SPARK, EpisodeEvaluationConfig.ofColumn(
                EvaluationInput.of(withColumn, TableFormat.PARQUET), "target_probs")
                .with(gamma, 0, new Intervals(200, 0.95, 5)));

        assertEquals(fromColumn.samples(), fromPolicy.samples());
        assertEquals(400, fromPolicy.samples());
        for (int i = 0; i < fromPolicy.target().size(); i++) {
            assertEquals(fromColumn.target().get(i).value(), fromPolicy.target().get(i).value(), 1e-6,
                    fromPolicy.target().get(i).estimator());
        }

        // the truth: the same stochastic policy played in the simulator, discounted returns
        double truth = 0;
        int rollouts = 4000;
        SplittableRandom r = new SplittableRandom(99);
        try (DdqnBcq policy = RlPolicy.load(Path.of(policyDir))) {
            for (int e = 0; e < rollouts; e++) {
                CartPole pole = new CartPole();
                double[] s = pole.reset(r.split());
                double discount = 1;
                CartPole.Step step;
                do {
                    float[] f = {(float) s[0], (float) s[1], (float) s[2], (float) s[3]};
                    double[] p = policy.score(new float[][] {f}).softmax(0, temperature);
                    int a = r.nextDouble() < p[0] ? 0 : 1;
                    step = pole.step(a);
                    truth += discount * step.reward() / rollouts;
                    discount *= gamma;
                    s = step.state();
                } while (!step.done());
            }
        }
        Estimate pdis = fromPolicy.target().get(0);
        Estimate wis = fromPolicy.target().get(2);
        System.out.println("policy target: " + pdis + " " + wis + " rollout truth " + truth);
        assertEquals("PDIS", pdis.estimator());
        assertTrue(pdis.bootstrap().contains(truth), pdis + " truth " + truth);
        assertTrue(wis.bootstrap().contains(truth), wis + " truth " + truth);
        String report = dir.resolve("episodes-report.json").toString();
        String chart = dir.resolve("episodes-chart.png").toString();
        assertEquals(0, Rewind.execute("evaluate", "episodes", "--data", episodes, "--data-format", "parquet",
                "--target-policy", policyDir, "--gamma", "0.99", "--fqe-iterations", "0", "--seed", "5",
                "--report", report, "--chart", chart));
        try {
            var json = io.rewind.formats.Json.tree(Path.of(report));
            assertEquals(400, json.get("samples").asLong());
            assertEquals("PDIS", json.get("target").get(0).get("estimator").asText());
            assertEquals(pdis.value(), json.get("target").get(0).get("value").asDouble(), 1e-6);
            assertTrue(java.nio.file.Files.size(Path.of(chart)) > 1000, "a chart was drawn");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () ->
                new EpisodeEvaluationConfig(input, "target_probs", policyDir, gamma, 0, Intervals.DEFAULTS,
                        ReportOutputs.NONE)).getMessage().contains("one of them"));
        assertEquals(2, Rewind.execute("evaluate", "episodes", "--data", episodes, "--data-format", "parquet",
                "--target-policy", policyDir, "--split", "eval"), "bandit options are refused for episodes");
    }
}
