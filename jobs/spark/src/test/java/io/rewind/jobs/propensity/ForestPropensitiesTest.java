package io.rewind.jobs.propensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.cli.CommandLines;
import io.rewind.formats.Json;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A logger whose choice turns on an interaction of the context, which no linear score holds: 3,000 decisions over
 * three arms, arm 1 with probability 0.8 where x₁·x₂ &gt; 0 and arm 2 with 0.8 elsewhere, 0.1 to each other arm, no
 * propensities logged. Arm 0 is clicked with probability 0.2 + 0.5·[x₁ &gt; 0]; the target always shows it and is
 * worth exactly the mean of that over the logged contexts.
 */
class ForestPropensitiesTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final int ROWS = 3000;

    @TempDir
    static Path dir;
    static final Map<String, Double> trueProb = new HashMap<>();
    static double truth;

    @BeforeAll
    static void writeALogThatTurnsOnAnInteraction() throws Exception {
        Random rng = new Random(3);
        Impressions log = new Impressions();
        for (int i = 0; i < ROWS; i++) {
            double x1 = rng.nextGaussian();
            double x2 = rng.nextGaussian();
            int favoured = x1 * x2 > 0 ? 1 : 2;
            double u = rng.nextDouble();
            int a = u < 0.8 ? favoured : u < 0.9 ? 0 : 3 - favoured;
            double[] click = {0.2 + (x1 > 0 ? 0.5 : 0), 0.3, 0.3};
            truth += click[0] / ROWS;
            String id = "imp-" + i;
            trueProb.put(id, a == favoured ? 0.8 : 0.1);
            log.add(id, List.of(x1, x2), List.of("0", "1", "2"), String.valueOf(a),
                    rng.nextDouble() < click[a] ? 1.0 : 0.0, "0");
        }
        log.write(SPARK, dir);
    }

    /** Joins with {@code --propensity-model model}; the mean |estimated − true propensity| of the chosen actions. */
    private static double joinedGap(String model) {
        String out = dir.resolve(model).toString();
        String[] join = CommandLines.run("join", "--mapping", dir.resolve("mapping.yaml").toString(),
                "--propensities", "estimate", "--propensity-model", model, "--max-calibration-error", "1",
                "--output", out, "--output-format", "parquet");
        assertEquals("0", join[0], join[1]);
        double gap = 0;
        List<Row> rows = TableReader.read(SPARK, Tables.INTERACTIONS, TableFormat.PARQUET, out).valid()
                .select("event_id", "action_prob").collectAsList();
        assertEquals(ROWS, rows.size());
        for (Row r : rows) {
            gap += Math.abs(r.getDouble(1) - trueProb.get(r.getString(0))) / ROWS;
        }
        return gap;
    }

    @Test
    void aForestFindsTheInteractionALinearFitCannotAndIpsOnItCoversTheTruth() throws Exception {
        double linear = joinedGap("logistic");
        double forest = joinedGap("forest");
        System.out.println("mean propensity gap: logistic " + linear + ", forest " + forest + "; truth " + truth);
        assertTrue(forest < 0.08 && linear > 2 * forest, "logistic " + linear + ", forest " + forest);

        Path report = dir.resolve("report.json");
        String[] evaluate = CommandLines.run("evaluate", "bandit", "--data", dir.resolve("forest").toString(),
                "--data-format", "parquet", "--target", dir.resolve("target").toString(), "--target-format",
                "jsonl", "--estimators", "ips,snips", "--report", report.toString());
        assertEquals("0", evaluate[0], evaluate[1]);
        var json = Json.tree(Files.readString(report));
        System.out.println(json.get("target"));
        for (var e : json.get("target")) {
            assertTrue(e.get("normal").get("lower").asDouble() <= truth
                    && truth <= e.get("normal").get("upper").asDouble(), e.toString());
        }
    }
}
