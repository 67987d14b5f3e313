package io.rewind.jobs.bandit;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Candidate;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.SparkRows;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.evaluate.BanditEstimation;
import io.rewind.jobs.evaluate.BanditEstimator;
import io.rewind.jobs.evaluate.BanditEvaluation;
import io.rewind.jobs.evaluate.BanditEvaluationConfig;
import io.rewind.jobs.evaluate.EvaluationInput;
import io.rewind.jobs.evaluate.Intervals;
import io.rewind.jobs.evaluate.PolicySource;
import io.rewind.jobs.evaluate.SplitSelection;
import io.rewind.jobs.evaluate.EvaluationReport;
import io.rewind.ope.Estimate;
import io.rewind.rl.bandit.BanditModel;
import io.rewind.rl.bandit.LinearLearner;
import io.rewind.rl.bandit.Reduction;
import io.rewind.rl.sim.LoggedBanditConfig;
import io.rewind.rl.sim.LoggedBanditSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ground truth: a uniform logger over 4 arms, reward 1 for the context's class (a linear argmax), so the value of
 * any policy on the eval rows is the mean probability it gives the true class, computed here from the simulator.
 */
class TrainBanditJobTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final LoggedBanditConfig SIM = io.rewind.jobs.LoggedInteractions.SIM;

    @TempDir
    static Path dir;
    static String interactions;

    @BeforeAll
    static void logAndJoin() {
        interactions = io.rewind.jobs.LoggedInteractions.write(SPARK, dir);
    }

    static TrainBanditConfig config(String learner, String warmStart, String model) {
        return new TrainBanditConfig(List.of(interactions), TableFormat.PARQUET, learner, Reduction.MTR, "train",
                warmStart, false, 4, 1, model, 0.01);
    }

    /** The true value of a model's policy on the eval rows: the mean probability of the context's class. */
    static double trueValue(String modelPath) throws Exception {
        LinearLearner policy = BanditModel.load(Path.of(modelPath)).restoreLearner();
        LoggedBanditSimulator sim = new LoggedBanditSimulator(SIM);
        List<Row> eval = TableReader.read(SPARK, Tables.INTERACTIONS, TableFormat.PARQUET, interactions).valid()
                .filter(col("split").equalTo("eval")).select("event_id", "context", "actions").collectAsList();
        double total = 0;
        for (Row r : eval) {
            double[] x = SparkRows.doubles(r.get(1));
            List<Candidate> candidates = SparkRows.candidates(r.get(2));
            double[] p = policy.decide(x, candidates, TrainBanditJob.rng(r.getString(0))).probabilities();
            String label = String.valueOf(sim.label(x));
            for (int a = 0; a < p.length; a++) {
                total += candidates.get(a).id().equals(label) ? p[a] : 0;
            }
        }
        return total / eval.size();
    }

    @Test
    void trainsFromLogsSavesProvenanceAndEvaluatesAgainstTheTruth() throws Exception {
        String model = dir.resolve("models/greedy.json").toString();
        JobSummary s = TrainBanditJob.run(SPARK, config("greedy", null, model));
        long trainRows = TableReader.read(SPARK, Tables.INTERACTIONS, TableFormat.PARQUET, interactions).valid()
                .filter(col("split").equalTo("train")).count();
        assertEquals(trainRows, s.count("rows_trained"));
        BanditModel saved = BanditModel.load(Path.of(model));
        assertEquals(trainRows, saved.provenance().rows());
        assertTrue(saved.provenance().data().contains(interactions), saved.provenance().data());
        assertEquals("mtr", saved.reduction());
        double truth = trueValue(model);
        double snips = saved.provenance().metrics().get("eval_snips");
        System.out.printf("train-bandit greedy: true value %.4f, eval SNIPS %.4f [%.4f, %.4f], logged %.4f%n", truth,
                snips, saved.provenance().metrics().get("eval_snips_lower"),
                saved.provenance().metrics().get("eval_snips_upper"),
                saved.provenance().metrics().get("eval_logged_mean_reward"));
        assertTrue(truth > 0.7, "the trained policy finds the class far more often than the logger's 0.25: " + truth);
        assertTrue(saved.provenance().metrics().get("eval_snips_lower") <= truth
                && truth <= saved.provenance().metrics().get("eval_snips_upper"), "eval SNIPS interval covers " + truth);
        // DR with the model's own q̂ (fitted on the train split), computed on the executors as IPS and SNIPS are
        assertTrue(saved.provenance().metrics().get("eval_dr_lower") <= truth
                && truth <= saved.provenance().metrics().get("eval_dr_upper"), "eval DR interval covers " + truth
                + ": " + saved.provenance().metrics());

        String again = dir.resolve("models/greedy-again.json").toString();
        TrainBanditJob.run(SPARK, config("greedy", null, again));
        assertEquals(BanditModel.load(Path.of(model)).scorers().get(0).theta()[3],
                BanditModel.load(Path.of(again)).scorers().get(0).theta()[3], "a re-run trains the same model");

        EvaluationReport r = BanditEvaluation.run(SPARK, BanditEvaluationConfig.of(new EvaluationInput(
                        List.of(interactions), TableFormat.PARQUET, 0.01), PolicySource.model(model))
                .withSplit(SplitSelection.EVAL, false)
                .withEstimation(BanditEstimation.DEFAULTS.withEstimators(BanditEstimator.IPS, BanditEstimator.DR))
                .withIntervals(Intervals.DEFAULTS.withReplicates(100)));
        Estimate dr = r.target().get(1);
        assertTrue(dr.normal().contains(truth), "evaluate --target-model: " + dr + " vs truth " + truth);
    }

    @Test
    void warmStartContinuesFromASavedModel() throws Exception {
        String first = dir.resolve("models/linucb.json").toString();
        TrainBanditJob.run(SPARK, config("linucb", null, first));
        String second = dir.resolve("models/linucb-warm.json").toString();
        JobSummary s = TrainBanditJob.run(SPARK, config("linucb", first, second));
        BanditModel warm = BanditModel.load(Path.of(second));
        assertTrue(warm.provenance().data().contains("warm-started from " + first));
        double[][] a = BanditModel.load(Path.of(first)).scorers().get(0).inverse();
        double[][] b = warm.scorers().get(0).inverse();
        assertTrue(b[1][1] < a[1][1], "a warm start adds data to the saved model's statistics");
        assertTrue(s.count("rows_trained") > 0);
        assertTrue(trueValue(second) > 0.7);
    }

    /** Rows that cannot be read go, with their reasons, where the exit-3 message says: beside the model. */
    @Test
    void badRowsAreQuarantinedBesideTheModel() throws Exception {
        Path jsonl = dir.resolve("interactions-jsonl");
        io.rewind.formats.spark.TableWriter.write(TableReader.read(SPARK, Tables.INTERACTIONS, TableFormat.PARQUET,
                interactions).valid().limit(200), Tables.INTERACTIONS, TableFormat.JSONL, jsonl.toString());
        Files.writeString(jsonl.resolve("part-bad.jsonl"), "{\"event_id\": \"x\"}\nnot json\n");
        String model = dir.resolve("models/strict.json").toString();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = io.rewind.cli.Rewind.execute("train-bandit", "--data", jsonl.toString(), "--data-format", "jsonl",
                    "--model", model, "--max-bad-fraction", "0");
        } finally {
            System.setErr(old);
        }
        assertEquals(3, code);
        String quarantine = dir.resolve("models/strict_quarantine").toString();
        assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).contains(quarantine), err.toString());
        List<Row> rows = SPARK.read().json(quarantine).select("source_line", "reason").orderBy("source_line")
                .collectAsList();
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.get(1).getString(1).toLowerCase().contains("json"), rows.toString());
        assertEquals(0, io.rewind.cli.Rewind.execute("train-bandit", "--data", jsonl.toString(), "--data-format",
                "jsonl", "--model", model, "--max-bad-fraction", "0.05"), "2 of 202 rows is under 5%");
        assertTrue(Files.exists(Path.of(model)));
    }

    /** The learner spec is checked when the config is built, which the command does before Spark starts. */
    @Test
    void aBadLearnerSpecIsRefusedBeforeAnyDataIsRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainBanditConfig(
                List.of("no-such-folder"), TableFormat.PARQUET, "bogus", Reduction.MTR, "train", null, false, 4, 1,
                "m.json", 0.05));
        assertTrue(e.getMessage().contains("unknown learner 'bogus'"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config("linucb:alpah=1", null, "m.json"))
                .getMessage().contains("unknown parameter alpah"));
    }

    @Test
    void aMissingModelIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainBanditJob.run(SPARK, config("linucb", dir.resolve("none.json").toString(),
                        dir.resolve("x.json").toString())));
        assertTrue(e.getMessage().contains("none.json"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("x.json")));
    }

    /** Statistics from the executors give the model the in-order pass gives, cold and warm-started (issue 18). */
    @Test
    void distributedTrainingGivesTheSequentialModel() throws Exception {
        for (String learner : List.of("linucb", "regcb-opt", "bag")) {
            String sequential = dir.resolve("models/" + learner + "-seq.json").toString();
            String distributed = dir.resolve("models/" + learner + "-dist.json").toString();
            TrainBanditJob.run(SPARK, config(learner, null, sequential));
            assertEquals(0, io.rewind.cli.Rewind.execute("train-bandit", "--data", interactions, "--data-format",
                    "parquet", "--learner", learner, "--arm-buckets", "4", "--max-bad-fraction", "0.01",
                    "--training", "distributed", "--model", distributed));
            assertSameModel(sequential, distributed, learner);
            BanditModel d = BanditModel.load(Path.of(distributed));
            assertTrue(d.provenance().metrics().containsKey("eval_snips"), "eval metrics: " + d.provenance());
            assertTrue(!d.provenance().metrics().containsKey("progressive_snips"), "no progressive replay");
        }
        String first = dir.resolve("models/linucb-seq.json").toString();
        String warmSequential = dir.resolve("models/linucb-warm-seq.json").toString();
        String warmDistributed = dir.resolve("models/linucb-warm-dist.json").toString();
        TrainBanditJob.run(SPARK, config("linucb", first, warmSequential));
        TrainBanditConfig c = config("linucb", first, warmDistributed);
        TrainBanditJob.run(SPARK, new TrainBanditConfig(c.data(), c.format(), c.learner(), c.reduction(), c.split(),
                c.warmStart(), c.quadratic(), c.armBuckets(), c.seed(), c.model(), c.maxBadFraction(),
                Training.DISTRIBUTED));
        assertSameModel(warmSequential, warmDistributed, "linucb warm-started");

        TrainBanditConfig cover = config("cover", null, dir.resolve("models/cover-dist.json").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainBanditJob.run(SPARK,
                new TrainBanditConfig(cover.data(), cover.format(), cover.learner(), cover.reduction(),
                        cover.split(), null, false, 4, 1, cover.model(), 0.01, Training.DISTRIBUTED)));
        assertTrue(e.getMessage().contains("learns in order"), e.getMessage());
    }

    private static void assertSameModel(String expectedPath, String actualPath, String what) throws Exception {
        BanditModel expected = BanditModel.load(Path.of(expectedPath));
        BanditModel actual = BanditModel.load(Path.of(actualPath));
        assertEquals(expected.parameters(), actual.parameters(), what);
        assertEquals(expected.provenance().rows(), actual.provenance().rows(), what);
        double[] a = expected.scorers().get(0).theta();
        double[] b = actual.scorers().get(0).theta();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-9 * Math.max(1, Math.abs(a[i])), what + " θ[" + i + "]");
        }
        double[][] ia = expected.scorers().get(0).inverse();
        double[][] ib = actual.scorers().get(0).inverse();
        for (int i = 0; i < ia.length; i++) {
            for (int j = 0; j < ia.length; j++) {
                assertEquals(ia[i][j], ib[i][j], 1e-9 * Math.max(1, Math.abs(ia[i][j])), what + " A⁻¹");
            }
        }
        assertEquals(expected.provenance().metrics().get("eval_snips"),
                actual.provenance().metrics().get("eval_snips"), 1e-6, what + " eval SNIPS");
    }
}
