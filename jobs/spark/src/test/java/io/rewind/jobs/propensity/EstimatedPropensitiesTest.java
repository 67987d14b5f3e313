package io.rewind.jobs.propensity;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.cli.CommandLines;
import io.rewind.formats.Json;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.evaluate.BanditEstimation;
import io.rewind.jobs.evaluate.BanditEstimator;
import io.rewind.jobs.evaluate.BanditEvaluation;
import io.rewind.jobs.evaluate.BanditEvaluationConfig;
import io.rewind.jobs.evaluate.EvaluationInput;
import io.rewind.jobs.evaluate.EvaluationReport;
import io.rewind.jobs.evaluate.PolicySource;
import io.rewind.jobs.evaluate.ReportOutputs;
import io.rewind.jobs.evaluate.ReportTable;
import io.rewind.jobs.simulate.SimulateJob;
import io.rewind.ope.Estimate;
import io.rewind.rl.sim.LoggedBanditConfig;
import io.rewind.rl.sim.LoggedBanditSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log without propensities: 4,000 decisions over 4 arms by an epsilon-greedy logger (ε = 0.3) on an imperfect
 * linear classifier of the context, reward 1 for the context's class, written as a user's table that has the
 * context, the candidates, the chosen one and the click, and no probability. The simulator knows the logger's true
 * probabilities; the target, epsilon-greedy (ε = 0.2) on the true class, is worth exactly 0.85.
 */
class EstimatedPropensitiesTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final LoggedBanditConfig LOG = new LoggedBanditConfig(4000, 4, 4, 33, "epsilon-greedy", 0.3,
            Instant.parse("2026-05-01T00:00:00Z"), 10, 5, 0.0, 0.0, 0.0);
    static final LoggedBanditSimulator SIM = new LoggedBanditSimulator(LOG);

    @TempDir
    static Path dir;
    static Path mapping;
    static Map<String, Double> trueProb = new HashMap<>();

    @BeforeAll
    static void writeALogWithoutPropensities() throws Exception {
        String logs = dir.resolve("logs").toString();
        SimulateJob.run(SPARK, LOG, logs, TableFormat.PARQUET, 2);
        var decisions = SPARK.read().parquet(logs + "/decisions");
        for (Row r : decisions.select("event_id", "action_prob").collectAsList()) {
            trueProb.put(r.getString(0), r.getDouble(1));
        }
        decisions.join(SPARK.read().parquet(logs + "/rewards").select(col("event_id"), col("reward").as("clicked")),
                        "event_id")
                .select(col("event_id").as("impression_id"), col("timestamp").as("shown_at"),
                        col("context").as("features"), col("actions.id").as("candidates"),
                        col("action").as("chosen"), col("clicked"))
                .write().parquet(dir.resolve("impressions").toString());
        mapping = Impressions.mapping(dir, null);
    }

    @Test
    void estimatedPropensitiesAreCloseToTheLoggersAndTheEstimatesToTheTruth() throws Exception {
        String out = dir.resolve("interactions").toString();
        String[] join = CommandLines.run("join", "--mapping", mapping.toString(), "--propensities", "estimate",
                "--output", out, "--output-format", "parquet");
        assertEquals("0", join[0], join[1]);
        var summary = Json.tree(Files.readString(Path.of(out + "_summary.json")));
        assertEquals(4000, summary.get("propensities_estimated").asLong(), summary.toString());
        double ece = summary.get("propensity_calibration_error").asDouble();
        assertTrue(ece < 0.05, summary.toString());

        List<Row> rows = TableReader.read(SPARK, Tables.INTERACTIONS, TableFormat.PARQUET, out).valid()
                .select("event_id", "action_prob", "action_prob_source").collectAsList();
        assertEquals(4000, rows.size());
        double gap = 0;
        for (Row r : rows) {
            assertEquals("estimated", r.getString(2));
            gap += Math.abs(r.getDouble(1) - trueProb.get(r.getString(0))) / rows.size();
        }

        String target = io.rewind.jobs.evaluate.TargetTables.onTrueClass(SPARK, SIM, out,
                dir.resolve("target"), 0.2, 1.0);
        EvaluationReport report = BanditEvaluation.run(SPARK, BanditEvaluationConfig.of(new EvaluationInput(
                        List.of(out), TableFormat.PARQUET, 0.01), PolicySource.table(target, TableFormat.JSONL))
                .withEstimation(BanditEstimation.DEFAULTS.withEstimators(BanditEstimator.IPS, BanditEstimator.SNIPS,
                        BanditEstimator.DR))
                .withOutputs(ReportOutputs.NONE));
        System.out.println(ReportTable.of(report) + "\nmean propensity gap " + gap + ", calibration error " + ece);
        assertEquals(4000, report.propensities().estimated());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("estimated from the log")), report.notes()
                .toString());
        // measured: IPS 0.870, SNIPS 0.858, DR 0.867; mean propensity gap 0.105 (the logger's 0.775 and 0.075 are
        // plateaus a smooth fit rounds off near its boundaries), calibration error 0.028
        for (Estimate e : report.target()) {
            assertEquals(0.85, e.value(), 0.05, e.toString());
            assertTrue(e.normal().contains(0.85), e.toString());
        }
        assertTrue(gap < 0.12, "mean |estimated - true propensity| of the chosen actions: " + gap);

        // the same log evaluated through the mapping directly, joined in memory: the same estimates
        Path direct = dir.resolve("direct.json");
        String[] evaluate = CommandLines.run("evaluate", "bandit", "--mapping", mapping.toString(), "--propensities",
                "estimate", "--target", target, "--target-format", "jsonl", "--estimators", "ips,snips,dr",
                "--report", direct.toString());
        assertEquals("0", evaluate[0], evaluate[1]);
        var fromMapping = Json.tree(Files.readString(direct));
        assertEquals(4000, fromMapping.get("rows_used").asLong());
        for (int i = 0; i < report.target().size(); i++) {
            assertEquals(report.target().get(i).value(), fromMapping.get("target").get(i).get("value").asDouble(),
                    1e-6, report.target().get(i).estimator());
        }
    }

    @Test
    void aFitFlattenedByTheFloorFailsTheCalibrationCheckAndAnEstimateNeedsAMapping() throws Exception {
        String[] flat = CommandLines.run("import", "--mapping", mapping.toString(), "--propensities", "estimate",
                "--propensity-floor", "0.2", "--output", dir.resolve("flat").toString());
        assertEquals("2", flat[0], flat[1]);
        assertTrue(flat[1].contains("the fitted logging policy is not calibrated on this log")
                && flat[1].contains("--max-calibration-error 0.05"), flat[1]);
        assertTrue(!Files.exists(dir.resolve("flat/decisions")), "nothing written");

        String[] noMapping = CommandLines.run("join", "--decisions", dir.resolve("logs/decisions").toString(),
                "--rewards", dir.resolve("logs/rewards").toString(), "--decisions-format", "parquet",
                "--rewards-format", "parquet", "--propensities", "estimate", "--output",
                dir.resolve("unused").toString());
        assertEquals("2", noMapping[0], noMapping[1]);
        assertTrue(noMapping[1].contains("--propensities estimate reads the log through --mapping"), noMapping[1]);
    }
}
