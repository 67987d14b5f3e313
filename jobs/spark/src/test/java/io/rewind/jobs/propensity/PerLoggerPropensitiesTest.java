package io.rewind.jobs.propensity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
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
import io.rewind.jobs.evaluate.TargetTables;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A week served by two loggers, logged without propensities: 3,000 decisions of a uniform logger over 4 arms, then
 * 3,000 of an epsilon-greedy one (ε = 0.1) on an imperfect classifier, each with its model in a column, and 40 rows
 * of a third model that always showed the first candidate. The simulator knows every row's true probability; the
 * target, epsilon-greedy (ε = 0.2) on the true class, is worth exactly 0.85.
 */
class PerLoggerPropensitiesTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final LoggedBanditConfig UNIFORM = new LoggedBanditConfig(3000, 4, 4, 21, "uniform", 0.2,
            Instant.parse("2026-05-01T00:00:00Z"), 10, 5, 0.0, 0.0, 0.0);
    static final LoggedBanditSimulator FIRST = new LoggedBanditSimulator(UNIFORM);
    static final LoggedBanditSimulator THEN = new LoggedBanditSimulator(UNIFORM.withEpsilonGreedy(0.1), null, 3000);
    static final int FIXED_ROWS = 40;

    @TempDir
    static Path dir;
    static Map<String, Double> trueProb = new HashMap<>();
    static Map<String, String> loggerOf = new HashMap<>();

    @BeforeAll
    static void writeTwoLoggersWithoutPropensities() throws Exception {
        Dataset<Row> impressions = null;
        for (var logger : List.of(Map.entry("uniform", FIRST), Map.entry("greedy", THEN))) {
            String logs = dir.resolve(logger.getKey()).toString();
            SimulateJob.run(SPARK, logger.getValue(), logs, TableFormat.PARQUET, 2, null);
            Dataset<Row> decisions = SPARK.read().parquet(logs + "/decisions");
            for (Row r : decisions.select("event_id", "action_prob").collectAsList()) {
                trueProb.put(r.getString(0), r.getDouble(1));
                loggerOf.put(r.getString(0), logger.getKey());
            }
            Dataset<Row> shaped = decisions.join(SPARK.read().parquet(logs + "/rewards")
                            .select(col("event_id"), col("reward").as("clicked")), "event_id")
                    .select(col("event_id").as("impression_id"), col("timestamp").as("shown_at"),
                            col("context").as("features"), col("actions.id").as("candidates"),
                            col("action").as("chosen"), col("clicked"), lit(logger.getKey()).as("model"));
            impressions = impressions == null ? shaped : impressions.unionByName(shaped);
        }
        Dataset<Row> fixed = impressions.filter(col("model").equalTo("uniform")).orderBy("impression_id")
                .limit(FIXED_ROWS).withColumn("impression_id", org.apache.spark.sql.functions.concat(lit("fixed-"),
                        col("impression_id")))
                .withColumn("chosen", element_at(col("candidates"), 1)).withColumn("model", lit("fixed"));
        impressions.unionByName(fixed).write().parquet(dir.resolve("impressions").toString());
    }

    /** Mean |estimated − true propensity| of the chosen actions, by logger, over the rows the join kept. */
    private static Map<String, Double> gaps(String interactions) {
        Map<String, double[]> sums = new HashMap<>();
        for (Row r : TableReader.read(SPARK, Tables.INTERACTIONS, TableFormat.PARQUET, interactions).valid()
                .select("event_id", "action_prob").collectAsList()) {
            double[] s = sums.computeIfAbsent(loggerOf.get(r.getString(0)), k -> new double[2]);
            s[0] += Math.abs(r.getDouble(1) - trueProb.get(r.getString(0)));
            s[1]++;
        }
        Map<String, Double> out = new HashMap<>();
        sums.forEach((k, s) -> out.put(k, s[0] / s[1]));
        return out;
    }

    @Test
    void eachLoggerGetsItsOwnFitAndTheWeightedEstimatesCoverTheTruth() throws Exception {
        String perLogger = dir.resolve("per-logger").toString();
        String[] join = CommandLines.run("join", "--mapping", Impressions.mapping(dir, "model").toString(),
                "--propensities", "estimate", "--output", perLogger, "--output-format", "parquet");
        assertEquals("0", join[0], join[1]);
        var summary = Json.tree(Files.readString(Path.of(perLogger + "_summary.json")));
        assertEquals(2, summary.get("propensity_loggers_fitted").asInt(), summary.toString());
        assertEquals(6000, summary.get("propensities_estimated").asLong(), summary.toString());
        List<Row> quarantined = SPARK.read().parquet(perLogger + "_quarantine/decisions").select("reason")
                .collectAsList();
        assertEquals(FIXED_ROWS, quarantined.size());
        assertTrue(quarantined.get(0).getString(0).contains("logger 'fixed' chose only ["), quarantined.get(0)
                .toString());

        // a single fit pooled over the loggers (every row with one model_id) gives each row the loggers' mixture:
        // measured 0.137 on the uniform logger's rows and 0.404 on the greedy one's, against 0.018 and 0.082 here
        Map<String, Double> own = gaps(perLogger);
        System.out.println("mean propensity gap per logger: " + own);
        assertTrue(own.get("uniform") < 0.05 && own.get("greedy") < 0.1, own.toString());

        String target = TargetTables.onTrueClass(SPARK, FIRST, perLogger, dir.resolve("target"), 0.2, 1.0);
        EvaluationReport report = BanditEvaluation.run(SPARK, BanditEvaluationConfig.of(new EvaluationInput(
                        List.of(perLogger), TableFormat.PARQUET, 0.01), PolicySource.table(target, TableFormat.JSONL))
                .withEstimation(BanditEstimation.DEFAULTS.withEstimators(BanditEstimator.IPS, BanditEstimator.DR))
                .withOutputs(ReportOutputs.NONE));
        System.out.println(ReportTable.of(report));
        assertEquals(List.of("IPS", "DR", "WIPS", "WDR"), report.target().stream().map(Estimate::estimator)
                .toList());
        for (Estimate e : report.target()) {
            assertEquals(0.85, e.value(), 0.05, e.toString());
            assertTrue(e.normal().contains(0.85), e.toString());
        }
    }
}
