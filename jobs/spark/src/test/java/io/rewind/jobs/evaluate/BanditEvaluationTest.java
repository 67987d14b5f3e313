package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Json;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.TableReader;
import io.rewind.ope.Estimate;
import io.rewind.rl.sim.LoggedBanditConfig;
import io.rewind.rl.sim.LoggedBanditSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import io.rewind.ope.Difference;
import io.rewind.ope.Estimator;
import io.rewind.ope.Paired;
import io.rewind.ope.bandit.BanditSample;
import io.rewind.ope.bandit.Ips;
import io.rewind.ope.spark.SparkBanditEvaluation;
import io.rewind.ope.spark.SparkEvaluation;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ground truth: a uniform logger over 4 arms, reward 1 for the context's class; the target is epsilon-greedy
 * (ε = 0.2) on the true class, so its value is exactly 0.85; the logged policy's is 0.25.
 */
class BanditEvaluationTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final LoggedBanditConfig SIM = io.rewind.jobs.LoggedInteractions.SIM;

    @TempDir
    static Path dir;
    static String interactions;

    @BeforeAll
    static void logAndJoin() {
        interactions = io.rewind.jobs.LoggedInteractions.write(SPARK, dir);
    }

    /** A decisions table in which a policy gives the true class {@code best} and the rest ε/4 (ε = 1: uniform). */
    static String policy(String name, double epsilon, double keepShare) {
        return TargetTables.onTrueClass(SPARK, new LoggedBanditSimulator(SIM), interactions, dir.resolve(name),
                epsilon, keepShare);
    }

    static BanditEvaluationConfig config(String target, String incumbent, double maxBad) {
        return BanditEvaluationConfig.of(new EvaluationInput(List.of(interactions), TableFormat.PARQUET, maxBad),
                        PolicySource.table(target, TableFormat.JSONL))
                .withIncumbent(incumbent == null ? PolicySource.NONE : PolicySource.table(incumbent, TableFormat.JSONL))
                .withEstimation(BanditEstimation.DEFAULTS.withEstimators(Arrays.stream(BanditEstimator.values())
                        .filter(e -> !e.onEmbeddings()).toArray(BanditEstimator[]::new)))
                .withOutputs(new ReportOutputs(dir.resolve("report.json").toString(),
                        dir.resolve("chart.png").toString()));
    }

    @Test
    void estimatesCoverTheTrueValueAndTheDifferenceExcludesZero() throws Exception {
        EvaluationReport r = BanditEvaluation.run(SPARK, config(policy("target", 0.2, 1.0), policy("uniform", 1.0, 1.0),
                0.01));
        System.out.println(ReportTable.of(r));
        assertEquals(6000, r.rowsUsed());
        for (Estimate e : r.target()) {
            // DM and DR with shrinkage lean on the reward model, which cannot express "1 for the true class only"
            if (!e.estimator().equals("DM") && !e.estimator().startsWith("DRos")) {
                assertTrue(e.normal().contains(0.85), e.toString());
                assertTrue(e.bootstrap().contains(0.85), e.toString());
            }
        }
        assertTrue(r.target().get(2).value() < 0.8, "DM shows its model's bias: " + r.target().get(2));
        assertTrue(r.logged().normal().contains(0.25), r.logged().toString());
        for (Estimate e : r.incumbent()) {
            if (!e.estimator().equals("DM")) {
                assertTrue(e.normal().contains(0.25), e.toString());
            }
        }
        Estimate drDiff = r.difference().get(3);
        assertEquals("DR difference", drDiff.estimator());
        assertTrue(drDiff.normal().contains(0.60) && drDiff.normal().lower() > 0, drDiff.toString());
        assertTrue(Files.size(dir.resolve("chart.png")) > 1000, "a chart was drawn");
        assertTrue(Files.size(dir.resolve("chart-difference.png")) > 1000, "and the difference chart beside it");
        assertTrue(Files.readString(dir.resolve("report.json")).contains("\"difference\""));
        long unrewarded = SPARK.read().parquet(interactions).filter("NOT reward_observed").count();
        assertEquals(new EvaluationReport.Unrewarded(unrewarded, false), r.unrewarded());
        var json = Json.tree(dir.resolve("report.json"));
        assertEquals(r.rowsUsed(), json.get("rows_used").asLong(), "snake_case keys");
        // a uniform logger over 4 arms: every propensity 0.25 and the chosen arms as even as that claims
        PropensityDiagnostics p = r.propensities();
        assertEquals(6000, p.rows());
        assertEquals(List.of(), p.findings(), p.describe());
        assertEquals(0.25, p.min(), 1e-12);
        assertEquals(0.25, p.max(), 1e-12);
        assertTrue(p.uniformityP() > 1e-3, p.describe());
        assertEquals(0, json.get("propensities").get("suspect").asLong());
        assertEquals(unrewarded, json.get("unrewarded").get("count").asLong());
    }

    /**
     * The one pass that computes every estimate gives what separate Spark aggregations give on the same samples:
     * the target's, the logged policy's (the logged probabilities as the target's), the incumbent's, and the
     * differences on paired samples.
     */
    @Test
    void onePassGivesWhatSeparatePassesGive() {
        BanditEvaluationConfig c = config(policy("one-pass-target", 0.2, 1.0), policy("one-pass-uniform", 1.0, 1.0),
                0.01).withOutputs(ReportOutputs.NONE);
        EvaluationReport r = BanditEvaluation.run(SPARK, c);
        Dataset<Row> aligned = BanditEvaluation.withPolicies(SPARK, c, TableReader.read(SPARK, Tables.INTERACTIONS,
                TableFormat.PARQUET, interactions).checked());
        Dataset<Row> samples = BanditSamples.of(BanditSamples.withRewardModel(
                BanditEvaluation.usable(aligned, c), false, c.estimation()), true, false,
                new Loggers(List.of(new Loggers.Share("one", 1)))).cache();
        List<Estimator<BanditSample>> estimators = c.estimation().create();
        Intervals iv = c.intervals();
        double clip = c.estimation().clip();
        assertSame(SparkBanditEvaluation.evaluate(samples, estimators, iv.replicates(), iv.seed(), clip)
                .results(iv.level()), r.target());
        assertSame(SparkBanditEvaluation.evaluate(samples.select(col("id"), col("reward"), col("logged_prob"),
                        col("logged_prob").as("target_prob"), col("q_hat"), col("q_hat").as("dm_value")),
                List.of(new Ips()), iv.replicates(), iv.seed(), Double.POSITIVE_INFINITY).results(iv.level()),
                List.of(r.logged()));
        assertSame(SparkBanditEvaluation.evaluate(samples.select(col("id"), col("reward"), col("logged_prob"),
                        col("i_target_prob").as("target_prob"), col("q_hat"), col("i_dm_value").as("dm_value")),
                estimators, iv.replicates(), iv.seed(), clip).results(iv.level()), r.incumbent());
        JavaRDD<Paired<BanditSample>> pairs = samples.javaRDD().map(row -> new Paired<>(
                SparkBanditEvaluation.sample(row), new BanditSample(row.getAs("id"), row.getAs("reward"),
                row.getAs("logged_prob"), row.getAs("i_target_prob"), row.getAs("q_hat"), row.getAs("i_dm_value"))));
        assertSame(SparkEvaluation.evaluate(pairs, estimators.stream().<Estimator<Paired<BanditSample>>>map(
                Difference::new).toList(), iv.replicates(), iv.seed(), clip).results(iv.level()), r.difference());
        samples.unpersist();
    }

    static void assertSame(List<Estimate> expected, List<Estimate> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Estimate e = expected.get(i);
            Estimate a = actual.get(i);
            assertEquals(e.estimator(), a.estimator());
            double tol = 1e-9 * Math.max(1, Math.abs(e.value()));
            assertEquals(e.value(), a.value(), tol, e.estimator());
            assertEquals(e.normal().lower(), a.normal().lower(), tol, e.estimator());
            assertEquals(e.normal().upper(), a.normal().upper(), tol, e.estimator());
            assertEquals(e.bootstrap().lower(), a.bootstrap().lower(), tol, e.estimator());
            assertEquals(e.bootstrap().upper(), a.bootstrap().upper(), tol, e.estimator());
            assertEquals(e.n(), a.n());
            assertEquals(e.effectiveSampleSize(), a.effectiveSampleSize(), 1e-9 * e.effectiveSampleSize());
        }
    }

    /**
     * The input read once, uncached: rows a row's own rule rejects and rows off the table's context length are counted
     * as malformed whatever the split, and the usable rows give the estimates the clean table gives.
     */
    @Test
    void malformedRowsAreCountedWhateverTheSplitAndLeaveTheEstimatesAsTheCleanTableGives() {
        String target = policy("target-malformed", 0.2, 1.0);
        Dataset<Row> clean = SPARK.read().parquet(interactions);
        Dataset<Row> some = clean.orderBy("event_id").limit(12);
        Dataset<Row> badProb = some.limit(5).withColumn("event_id", org.apache.spark.sql.functions.concat(col(
                "event_id"), org.apache.spark.sql.functions.lit("-p"))).withColumn("action_prob",
                org.apache.spark.sql.functions.lit(2.0));
        Dataset<Row> shortContext = some.withColumn("event_id", org.apache.spark.sql.functions.concat(col(
                "event_id"), org.apache.spark.sql.functions.lit("-c"))).withColumn("context",
                org.apache.spark.sql.functions.slice(col("context"), 1, 2));
        String dirty = dir.resolve("interactions-malformed").toString();
        clean.unionByName(badProb).unionByName(shortContext).write().parquet(dirty);
        for (SplitSelection split : List.of(SplitSelection.ALL, SplitSelection.EVAL)) {
            BanditEvaluationConfig base = config(target, null, 0.01).withSplit(split, false);
            EvaluationReport expected = BanditEvaluation.run(SPARK, base);
            EvaluationReport r = BanditEvaluation.run(SPARK, new BanditEvaluationConfig(new EvaluationInput(
                    List.of(dirty), TableFormat.PARQUET, 0.01), split, false, base.target(), base.incumbent(),
                    base.estimation(), base.intervals(), base.outputs()));
            assertEquals(expected.rowsIn() + 17, r.rowsIn(), split.label());
            assertEquals(expected.unusable() + 17, r.unusable(), split.label());
            assertEquals(expected.rowsUsed(), r.rowsUsed(), split.label());
            assertSame(expected.target(), r.target());
            BadFractionExceededException over = org.junit.jupiter.api.Assertions.assertThrows(
                    BadFractionExceededException.class, () -> BanditEvaluation.run(SPARK, new BanditEvaluationConfig(
                            new EvaluationInput(List.of(dirty), TableFormat.PARQUET, 0.001), split, false,
                            base.target(), base.incumbent(), base.estimation(), base.intervals(), base.outputs())));
            assertTrue(over.getMessage().contains("17 " + BanditEvaluation.MALFORMED), over.getMessage());
        }
    }

    @Test
    void eventsWithoutTargetProbabilitiesAreCountedAndFailPastTheThreshold() {
        String partial = policy("partial", 0.2, 0.9);
        EvaluationReport r = BanditEvaluation.run(SPARK, config(partial, null, 0.2));
        assertEquals(6000, r.rowsIn());
        assertEquals(r.rowsIn(), r.rowsUsed() + r.unusable());
        assertTrue(r.unusable() > 450 && r.unusable() < 750, "about 10%: " + r.unusable());
        io.rewind.jobs.BadFractionExceededException none = org.junit.jupiter.api.Assertions.assertThrows(
                io.rewind.jobs.BadFractionExceededException.class, () -> BanditEvaluation.run(SPARK, config(partial, null,
                        0.05)));
        assertTrue(none.getMessage().contains("over --max-bad-fraction 0.05"), none.getMessage());
        assertTrue(none.getMessage().contains(r.unusable() + " " + TargetAlignment.NO_TARGET), "the message says why: "
                + none.getMessage());
    }

    @Test
    void targetProbabilitiesFromAColumnOfTheInput() {
        String target = policy("column-source", 0.2, 1.0);
        String withColumn = dir.resolve("with-column").toString();
        SPARK.read().parquet(interactions).join(SPARK.read().json(target).select(
                        org.apache.spark.sql.functions.col("event_id"),
                        org.apache.spark.sql.functions.reverse(org.apache.spark.sql.functions.col("action_probs"))
                                .as("target_probs")), "event_id")
                .write().parquet(withColumn);
        EvaluationReport r = BanditEvaluation.run(SPARK, BanditEvaluationConfig.of(new EvaluationInput(
                        List.of(withColumn), TableFormat.PARQUET, 0.01), PolicySource.column("target_probs"))
                .withEstimation(BanditEstimation.DEFAULTS.withEstimators(BanditEstimator.IPS, BanditEstimator.DR))
                .withIntervals(Intervals.DEFAULTS.withReplicates(100)));
        assertEquals(6000, r.rowsUsed());
        assertTrue(r.target().get(0).normal().contains(0.85), r.target().get(0).toString());
        assertTrue(r.target().get(1).normal().contains(0.85), r.target().get(1).toString());
    }

    /** The same evaluation with the reward model fitted by offline-rl's ridge regression instead of MLlib. */
    @Test
    void theRidgeRewardModelGivesTheSameAnswerThroughTheSameInterface() {
        String target = policy("ridge-target", 0.2, 1.0);
        BanditEvaluationConfig mllib = config(target, null, 0.01);
        BanditEvaluationConfig ridge = mllib.withOutputs(ReportOutputs.NONE).withEstimation(BanditEstimation.DEFAULTS
                .withEstimators(BanditEstimator.DM, BanditEstimator.DR, BanditEstimator.SNDR)
                .withRewardModel(RewardModelKind.RIDGE));
        EvaluationReport r = BanditEvaluation.run(SPARK, ridge);
        System.out.println(ReportTable.of(r));
        assertEquals(6000, r.rowsUsed());
        assertTrue(r.target().get(1).normal().contains(0.85), "DR: " + r.target().get(1));
        assertTrue(r.target().get(2).normal().contains(0.85), "SNDR: " + r.target().get(2));
        // the per-arm linear model cannot express "1 for the true class only" either: DM is biased, DR is not
        assertTrue(Math.abs(r.target().get(0).value() - 0.85) > Math.abs(r.target().get(1).value() - 0.85),
                "DR corrects DM: " + r.target());
        assertEquals(2, io.rewind.cli.Rewind.execute("evaluate", "bandit", "--data", interactions, "--data-format",
                "parquet", "--target", target, "--reward-model", "forest"), "an unknown reward model is refused");
    }

    /** The fixture's interactions with {@code change} applied, written as Parquet under {@code name}. */
    static String changed(String name, java.util.function.UnaryOperator<Dataset<Row>> change) {
        String path = dir.resolve(name).toString();
        change.apply(SPARK.read().parquet(interactions)).write().parquet(path);
        return path;
    }

    static BanditEvaluationConfig on(String data, String target) {
        return BanditEvaluationConfig.of(new EvaluationInput(List.of(data), TableFormat.PARQUET, 0.05),
                PolicySource.table(target, TableFormat.JSONL));
    }

    /** ReAgent #133: a log whose propensities are all 1 fails, and says why, instead of feeding IPS weights of 1. */
    @Test
    void propensitiesThatAreAllOneFailTheEvaluation() {
        String data = changed("all-one", d -> d.withColumn("action_prob", org.apache.spark.sql.functions.lit(1.0))
                .withColumn("action_probs", org.apache.spark.sql.functions.lit(null).cast("array<double>")));
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.rewind.jobs.BadFractionExceededException.class,
                () -> BanditEvaluation.run(SPARK, on(data, policy("target-all-one", 0.2, 1.0))));
        assertTrue(e.getMessage().contains("every propensity is 1 while decisions had up to 4 candidates"),
                e.getMessage());
    }

    /** One constant propensity claims a uniform logger; chosen arms far from even say it is a placeholder. */
    @Test
    void aConstantPropensityWithUnevenChoicesFailsTheEvaluation() {
        String data = changed("uneven", d -> d.filter(col("action").notEqual("0")
                .or(org.apache.spark.sql.functions.hash(col("event_id")).mod(5).equalTo(0))));
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.rewind.jobs.BadFractionExceededException.class,
                () -> BanditEvaluation.run(SPARK, on(data, policy("target-uneven", 0.2, 1.0))));
        assertTrue(e.getMessage().contains("every propensity is 0.25, which claims each candidate was chosen"
                + " equally often"), e.getMessage());
    }

    /** A few rows chose an action with a propensity under 1e-6: counted and named, under the threshold. */
    @Test
    void rowsWithTinyPropensitiesAreCounted() {
        org.apache.spark.sql.Column pick = org.apache.spark.sql.functions.hash(col("event_id")).mod(100).equalTo(7);
        String data = changed("tiny", d -> d
                .withColumn("action_probs", org.apache.spark.sql.functions.lit(null).cast("array<double>"))
                .withColumn("action_prob", org.apache.spark.sql.functions.when(pick,
                        org.apache.spark.sql.functions.lit(1e-7)).otherwise(col("action_prob"))));
        long changedRows = SPARK.read().parquet(data).filter(col("action_prob").lt(1e-6)).count();
        assertTrue(changedRows > 20 && changedRows < 150, "about 1% of 6000: " + changedRows);
        EvaluationReport r = BanditEvaluation.run(SPARK, on(data, policy("target-tiny", 0.2, 1.0)));
        assertEquals(changedRows, r.propensities().tiny());
        assertEquals(changedRows, r.propensities().suspect());
        assertTrue(ReportTable.of(r).contains(changedRows + " rows chose an action with probability under 1.0E-6"),
                ReportTable.of(r));
    }
}
