package io.rewind.jobs.propensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.cli.CommandLines;
import io.rewind.formats.Json;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * A logger that decided on something its log does not hold: 4,000 decisions between two items, the logger showing
 * item 1 with log-odds 0.5·x₁ + 0.8·(2u − 1), where u is a hidden coin flip that also makes item 1 clicked more
 * (click probability 0.2 + 0.5·u·[item 1] + 0.1·[x₂ &gt; 0]). The log has the context x, not u, and no propensities.
 * The target always shows item 1 and is worth exactly 0.2 + 0.5 · 0.5 + 0.1 · 0.5 = 0.5; SNIPS on propensities
 * fitted on x is biased upwards, and only the sensitivity bounds say so.
 */
class PropensitySensitivityTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final int ROWS = 4000;
    static final double TRUTH = 0.5;

    @TempDir
    static Path dir;
    static final Map<String, Double> trueProb = new HashMap<>();

    @BeforeAll
    static void writeAConfoundedLog() throws Exception {
        Random rng = new Random(5);
        Impressions log = new Impressions();
        for (int i = 0; i < ROWS; i++) {
            double x1 = rng.nextGaussian();
            double x2 = rng.nextGaussian();
            int u = rng.nextInt(2);
            double p1 = 1 / (1 + Math.exp(-(0.5 * x1 + 0.8 * (2 * u - 1))));
            int a = rng.nextDouble() < p1 ? 1 : 0;
            double click = 0.2 + 0.5 * u * a + (x2 > 0 ? 0.1 : 0);
            String id = "imp-" + i;
            trueProb.put(id, a == 1 ? p1 : 1 - p1);
            log.add(id, List.of(x1, x2), List.of("0", "1"), String.valueOf(a), rng.nextDouble() < click ? 1.0 : 0.0,
                    "1");
        }
        log.write(SPARK, dir);
    }

    @Test
    void snipsMissesTheTruthAndTheSensitivityBoundsAtTheFitsWorstOddsRatioHoldIt() throws Exception {
        String out = dir.resolve("interactions").toString();
        String[] join = CommandLines.run("join", "--mapping", dir.resolve("mapping.yaml").toString(),
                "--propensities", "estimate", "--output", out, "--output-format", "parquet");
        assertEquals("0", join[0], join[1]);

        // the worst odds ratio between a row's true and fitted propensity, and SNIPS on the true ones
        double gamma = 1;
        double num = 0;
        double den = 0;
        List<double[]> used = new ArrayList<>();
        for (Row r : TableReader.read(SPARK, Tables.INTERACTIONS, TableFormat.PARQUET, out).valid()
                .select("event_id", "action", "action_prob", "reward").collectAsList()) {
            double fitted = r.getDouble(2);
            double truth = trueProb.get(r.getString(0));
            double ratio = (truth / (1 - truth)) / (fitted / (1 - fitted));
            gamma = Math.max(gamma, Math.max(ratio, 1 / ratio));
            if (r.getString(1).equals("1")) {
                num += r.getDouble(3) / truth;
                den += 1 / truth;
                used.add(new double[] {fitted, r.getDouble(3)});
            } else {
                used.add(new double[] {fitted, Double.NaN});
            }
        }
        double onTrueProbabilities = num / den;

        Path report = dir.resolve("report.json");
        String[] evaluate = CommandLines.run("evaluate", "bandit", "--data", out, "--data-format", "parquet",
                "--target", dir.resolve("target").toString(), "--target-format", "jsonl", "--estimators",
                "ips,snips", "--propensity-sensitivity", String.valueOf(gamma), "--report", report.toString());
        assertEquals("0", evaluate[0], evaluate[1]);
        System.out.println(evaluate[1] + "\nworst odds ratio " + gamma + ", SNIPS on the true propensities "
                + onTrueProbabilities);
        var json = Json.tree(Files.readString(report));
        var snips = json.get("target").get(1);
        assertEquals("SNIPS", snips.get("estimator").asText());
        assertFalse(snips.get("normal").get("lower").asDouble() <= TRUTH
                && TRUTH <= snips.get("normal").get("upper").asDouble(), "the fit cannot see u: " + snips);
        var bounds = json.get("propensity_sensitivity");
        double lower = bounds.get("lower").asDouble();
        double upper = bounds.get("upper").asDouble();
        assertEquals(gamma, bounds.get("gamma").asDouble(), 1e-12);

        // binary rewards: the largest SNIPS puts the smallest propensity the model allows on every click and the
        // largest on every other row the target would show; the smallest the other way round
        double[] hi = new double[2];
        double[] lo = new double[2];
        for (double[] u : used) {
            if (Double.isNaN(u[1])) {
                continue; // item 0: the target never shows it
            }
            double odds = 1 / u[0] - 1;
            int clicked = (int) u[1];
            hi[clicked] += clicked == 1 ? 1 + gamma * odds : 1 + odds / gamma;
            lo[clicked] += clicked == 1 ? 1 + odds / gamma : 1 + gamma * odds;
        }
        assertEquals(hi[1] / (hi[1] + hi[0]), upper, 1e-9);
        assertEquals(lo[1] / (lo[1] + lo[0]), lower, 1e-9);
        assertTrue(lower <= onTrueProbabilities && onTrueProbabilities <= upper, "SNIPS on the true propensities "
                + onTrueProbabilities + " in [" + lower + ", " + upper + "]");
        assertTrue(lower < TRUTH && TRUTH < upper, "the truth in [" + lower + ", " + upper + "]");
        assertTrue(json.get("notes").toString().contains("SNIPS lies in ["), json.get("notes").toString());
    }
}
