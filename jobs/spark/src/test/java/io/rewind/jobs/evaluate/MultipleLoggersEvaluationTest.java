package io.rewind.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.JoinRules;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.SparkRows;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.join.JoinConfig;
import io.rewind.jobs.join.JoinJob;
import io.rewind.jobs.simulate.SimulateJob;
import io.rewind.ope.Estimate;
import io.rewind.rl.sim.LoggedBanditConfig;
import io.rewind.rl.sim.LoggedBanditSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One week's log written by two loggers over the same problem (4 arms, reward 1 for the context's class): 3,000
 * decisions by a uniform logger, then 3,000 by an epsilon-greedy one (ε = 0.1) on an imperfect classifier, each
 * with its own model_id. The target is epsilon-greedy (ε = 0.2) on the true class, worth exactly 0.85.
 */
class MultipleLoggersEvaluationTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final LoggedBanditConfig UNIFORM = new LoggedBanditConfig(3000, 4, 4, 21, "uniform", 0.2,
            Instant.parse("2026-05-01T00:00:00Z"), 10, 5, 0.0, 0.0, 0.0);
    static final LoggedBanditSimulator FIRST = new LoggedBanditSimulator(UNIFORM);
    static final LoggedBanditSimulator THEN = new LoggedBanditSimulator(UNIFORM.withEpsilonGreedy(0.1), null, 3000);

    @TempDir
    static Path dir;
    static String interactions;

    @BeforeAll
    static void logBothAndJoin() {
        String first = dir.resolve("uniform").toString();
        String then = dir.resolve("epsilon-greedy").toString();
        SimulateJob.run(SPARK, FIRST, first, TableFormat.PARQUET, 2, null);
        SimulateJob.run(SPARK, THEN, then, TableFormat.PARQUET, 2, null);
        interactions = dir.resolve("interactions").toString();
        JoinJob.run(SPARK, new JoinConfig(List.of(first + "/decisions", then + "/decisions"), TableFormat.PARQUET,
                List.of(first + "/rewards", then + "/rewards"), TableFormat.PARQUET, interactions,
                TableFormat.PARQUET, JoinConfig.defaultQuarantine(interactions),
                JoinConfig.defaultSummary(interactions),
                new JoinRules(Duration.ofDays(1), 0, false, JoinRules.Aggregation.FIRST, 0.5), 0.01));
    }

    @Test
    void twoLoggersAddWeightedEstimatesThatMatchTheirFormulaAndCoverTheTruth() {
        String target = TargetTables.onTrueClass(SPARK, FIRST, interactions, dir.resolve("target"), 0.2, 1.0);
        BanditEvaluationConfig c = BanditEvaluationConfig.of(new EvaluationInput(List.of(interactions),
                        TableFormat.PARQUET, 0.01), PolicySource.table(target, TableFormat.JSONL))
                .withEstimation(BanditEstimation.DEFAULTS.withEstimators(BanditEstimator.IPS, BanditEstimator.DR))
                .withOutputs(ReportOutputs.NONE);
        EvaluationReport r = BanditEvaluation.run(SPARK, c);
        System.out.println(ReportTable.of(r));
        assertEquals(List.of(new Loggers.Share("logging-epsilon-greedy", 3000), new Loggers.Share("logging-uniform",
                3000)), r.loggers());
        assertEquals(List.of("IPS", "DR", "WIPS", "WDR"), r.target().stream().map(Estimate::estimator).toList());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("2 loggers (model_id)")), r.notes().toString());
        for (Estimate e : r.target()) {
            assertTrue(e.normal().contains(0.85), e.toString());
        }

        // WIPS from its formula, on the rows as read: each logger's IPS, weighted by its rows over its divergence
        Map<String, double[]> byLogger = new TreeMap<>();
        for (Row row : TableReader.read(SPARK, Tables.INTERACTIONS, TableFormat.PARQUET, interactions).valid()
                .collectAsList()) {
            Object[] d = SparkRows.fromRow(Tables.INTERACTIONS, row);
            int label = FIRST.label((double[]) d[Tables.INTERACTIONS.indexOf("context")]);
            int action = Integer.parseInt((String) d[Tables.INTERACTIONS.indexOf("action")]);
            double[] logged = (double[]) d[Tables.INTERACTIONS.indexOf("action_probs")];
            double divergence = 0;
            for (int a = 0; a < 4; a++) {
                double t = 0.05 + (a == label ? 0.8 : 0);
                divergence += t * t / logged[a];
            }
            double w = (0.05 + (action == label ? 0.8 : 0)) / (double) d[Tables.INTERACTIONS.indexOf("action_prob")];
            double[] s = byLogger.computeIfAbsent((String) d[Tables.INTERACTIONS.indexOf("model_id")],
                    k -> new double[3]);
            s[0]++;
            s[1] += w * (double) d[Tables.INTERACTIONS.indexOf("reward")];
            s[2] += divergence;
        }
        double num = 0;
        double den = 0;
        for (double[] s : byLogger.values()) {
            double lambda = s[0] / (s[2] / s[0]);
            num += lambda * s[1] / s[0];
            den += lambda;
        }
        assertEquals(num / den, r.target().get(2).value(), 1e-9);
        double ipsWidth = r.target().get(0).normal().upper() - r.target().get(0).normal().lower();
        double wipsWidth = r.target().get(2).normal().upper() - r.target().get(2).normal().lower();
        assertTrue(wipsWidth < ipsWidth, "weighing the uniform logger's rounds up narrows the interval: IPS "
                + ipsWidth + ", WIPS " + wipsWidth);
    }
}
