package io.rewind.jobs.evaluate;

import static io.rewind.ope.synthetic.EmbeddedActionsBandit.ACTIONS;
import static io.rewind.ope.synthetic.EmbeddedActionsBandit.CATEGORIES;
import static io.rewind.ope.synthetic.EmbeddedActionsBandit.LOGGER_BETA;
import static io.rewind.ope.synthetic.EmbeddedActionsBandit.TARGET_BETA;
import static io.rewind.ope.synthetic.EmbeddedActionsBandit.category;
import static io.rewind.ope.synthetic.EmbeddedActionsBandit.context;
import static io.rewind.ope.synthetic.EmbeddedActionsBandit.meanReward;
import static io.rewind.ope.synthetic.EmbeddedActionsBandit.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Candidate;
import io.rewind.formats.Split;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.Timestamps;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.SparkRows;
import io.rewind.formats.spark.SparkSchemas;
import io.rewind.formats.spark.TableWriter;
import io.rewind.ope.Estimate;
import io.rewind.ope.Evaluation;
import io.rewind.ope.PoissonBootstrap;
import io.rewind.ope.embedding.EmbeddingSample;
import io.rewind.ope.embedding.Mips;
import io.rewind.ope.embedding.SelfNormalizedMips;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate bandit --estimators mips,snmips} on a 1,000-item catalogue whose items carry their category
 * one-hot as features: the estimates Spark computes from the logged and target distributions equal the in-memory
 * estimators on the same rounds, MIPS lies within three half-widths of its normal interval of the target's true
 * value on these contexts, and its interval is far narrower than IPS's.
 */
class LargeCatalogueEvaluationTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    @TempDir
    Path dir;

    @Test
    void sparksMipsEqualsTheInMemoryEstimatorAndCoversTheTruth() {
        List<Candidate> candidates = new ArrayList<>();
        Object[] embeddings = new Object[ACTIONS];
        for (int a = 0; a < ACTIONS; a++) {
            double[] oneHot = new double[CATEGORIES];
            oneHot[category(a)] = 1;
            candidates.add(new Candidate("item-" + a, oneHot));
            embeddings[a] = category(a);
        }
        SplittableRandom r = new SplittableRandom(9);
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        List<Row> logged = new ArrayList<>();
        List<Row> target = new ArrayList<>();
        Evaluation<EmbeddingSample> inMemory = new Evaluation<>(List.of(new Mips(), new SelfNormalizedMips()), 0, 1,
                Double.POSITIVE_INFINITY);
        double truth = 0;
        int rounds = 300;
        for (int i = 0; i < rounds; i++) {
            String id = "e-" + i;
            Instant t = t0.plusSeconds(i);
            double[] x = context(r);
            double[] pb = policy(x, LOGGER_BETA);
            double[] pe = policy(x, TARGET_BETA);
            double u = r.nextDouble();
            int a = 0;
            for (double acc = pb[0]; acc < u && a < ACTIONS - 1; acc += pb[++a]) {
                // walk the cumulative distribution
            }
            double reward = r.nextDouble() < meanReward(x, category(a)) ? 1 : 0;
            for (int b = 0; b < ACTIONS; b++) {
                truth += pe[b] * meanReward(x, category(b)) / rounds;
            }
            Object[] row = Tables.INTERACTIONS.row("event_id", id, "timestamp", t, "model_id", "softmax", "context", x,
                    "actions", candidates, "action", "item-" + a, "action_prob", pb[a], "action_probs", pb, "reward",
                    reward, "reward_timestamp", t, "reward_observed", true, "reward_count", 1, "split", Split.of(id,
                    0.8), "date", Timestamps.date(t), "hour", Timestamps.hour(t));
            logged.add(SparkRows.toRow(Tables.INTERACTIONS, row));
            target.add(SparkRows.toRow(Tables.DECISIONS, Tables.DECISIONS.row("event_id", id, "timestamp", t,
                    "model_id", "target", "context", x, "actions", candidates, "action", "item-" + a, "action_prob",
                    pe[a], "action_probs", pe)));
            inMemory.add(EmbeddingSample.of(PoissonBootstrap.mix(Double.doubleToLongBits(Split.unitHash(id))), reward,
                    a, embeddings, pb, pe));
        }
        String interactions = dir.resolve("interactions").toString();
        TableWriter.write(SPARK.createDataFrame(logged, SparkSchemas.of(Tables.INTERACTIONS)), Tables.INTERACTIONS,
                TableFormat.PARQUET, interactions);
        String targetPath = dir.resolve("target").toString();
        TableWriter.write(SPARK.createDataFrame(target, SparkSchemas.of(Tables.DECISIONS)), Tables.DECISIONS,
                TableFormat.PARQUET, targetPath);

        BanditEvaluationConfig c = BanditEvaluationConfig.of(EvaluationInput.of(interactions, TableFormat.PARQUET),
                PolicySource.table(targetPath, TableFormat.PARQUET)).withEstimation(BanditEstimation.DEFAULTS
                .withEstimators(BanditEstimator.IPS, BanditEstimator.MIPS, BanditEstimator.SNMIPS));
        EvaluationReport report = BanditEvaluation.run(SPARK, c);
        System.out.println(ReportTable.of(report) + "truth on these contexts " + truth);
        assertEquals(List.of("IPS", "MIPS", "SNMIPS"), report.target().stream().map(Estimate::estimator).toList());
        Estimate mips = report.target().get(1);
        assertEquals(new Mips().estimate(inMemory.stats(0)), mips.value(), 1e-9);
        assertEquals(new SelfNormalizedMips().estimate(inMemory.stats(1)), report.target().get(2).value(), 1e-9);
        double halfWidth = (mips.normal().upper() - mips.normal().lower()) / 2;
        assertTrue(Math.abs(mips.value() - truth) < 3 * halfWidth, "within three half-widths of the truth " + truth
                + ": " + mips);
        assertTrue(mips.normal().width() < report.target().get(0).normal().width() / 2,
                "MIPS's interval is far narrower than IPS's: " + ReportTable.of(report));
    }

    @Test
    void mipsWithoutFeaturesOrTheLoggedDistributionSaysWhatItNeeds() {
        List<Row> logged = new ArrayList<>();
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        List<Candidate> arms = List.of(new Candidate("a", null), new Candidate("b", null));
        for (int i = 0; i < 50; i++) {
            Object[] row = Tables.INTERACTIONS.row("event_id", "e-" + i, "timestamp", t, "model_id", "uniform",
                    "context", new double[] {1}, "actions", arms, "action", i % 2 == 0 ? "a" : "b", "action_prob", 0.5,
                    "action_probs", new double[] {0.5, 0.5}, "reward", 1.0, "reward_timestamp", t, "reward_observed",
                    true, "reward_count", 1, "split", "eval", "date", Timestamps.date(t), "hour", Timestamps.hour(t));
            logged.add(SparkRows.toRow(Tables.INTERACTIONS, row));
        }
        String interactions = dir.resolve("plain").toString();
        TableWriter.write(SPARK.createDataFrame(logged, SparkSchemas.of(Tables.INTERACTIONS)), Tables.INTERACTIONS,
                TableFormat.PARQUET, interactions);
        BanditEvaluationConfig c = BanditEvaluationConfig.of(EvaluationInput.of(interactions, TableFormat.PARQUET),
                PolicySource.table(interactions, TableFormat.PARQUET)).withEstimation(BanditEstimation.DEFAULTS
                .withEstimators(BanditEstimator.MIPS));
        var e = assertThrows(IllegalArgumentException.class, () -> BanditEvaluation.run(SPARK, c));
        assertTrue(e.getMessage().contains("50 usable decisions have no action_probs or a candidate without"
                + " features"), e.getMessage());
    }
}
