package io.rewind.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Top-3 slates over 6 items with cascade clicks, logged by a uniform ranker, evaluated for a ranker preferring
 * attractive items; the truth by enumerating the 120 slates.
 */
class SlateEvaluationTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final double[] ATTRACT = {0.05, 0.1, 0.2, 0.3, 0.45, 0.6};
    static final double[] TARGET = normalise(new double[] {0.2, 0.3, 0.6, 1, 2, 3});

    @TempDir
    Path dir;

    @Test
    void slateEstimatesCoverTheEnumeratedTruth() {
        int k = 3;
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            candidates.add(new Candidate("item" + i, null));
        }
        List<Row> logged = new ArrayList<>();
        List<Row> target = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(3);
        Instant t = Instant.parse("2026-06-01T12:00:00Z");
        double[] uniform = normalise(new double[] {1, 1, 1, 1, 1, 1});
        for (int e = 0; e < 30_000; e++) {
            String id = "slate-" + e;
            boolean[] used = new boolean[6];
            String[] slate = new String[k];
            double[] probs = new double[k];
            int click = -1;
            for (int j = 0; j < k; j++) {
                int a = pick(uniform, used, r.nextDouble());
                probs[j] = conditional(uniform, a, used);
                used[a] = true;
                slate[j] = "item" + a;
                if (click < 0 && r.nextDouble() < ATTRACT[a]) {
                    click = j;
                }
            }
            Object[] row = Tables.INTERACTIONS.row("event_id", id, "timestamp", t, "model_id", "uniform-ranker",
                    "actions", candidates, "action", slate[0], "action_prob", probs[0], "slate", slate, "slot_probs",
                    probs, "reward", click >= 0 ? 1.0 : 0.0, "reward_timestamp", t, "reward_observed", true,
                    "reward_count", 1, "click_position", click >= 0 ? click : null, "split", Split.of(id, 0.8), "date",
                    Timestamps.date(t), "hour", Timestamps.hour(t));
            logged.add(SparkRows.toRow(Tables.INTERACTIONS, row));
            List<Candidate> reversed = new ArrayList<>(candidates);
            java.util.Collections.reverse(reversed);
            double[] reversedProbs = new double[6];
            for (int i = 0; i < 6; i++) {
                reversedProbs[i] = TARGET[5 - i];
            }
            target.add(SparkRows.toRow(Tables.DECISIONS, Tables.DECISIONS.row("event_id", id, "timestamp", t,
                    "model_id", "target", "actions", reversed, "action", "item5", "action_prob", TARGET[5],
                    "action_probs", reversedProbs)));
        }
        String data = dir.resolve("interactions").toString();
        String targetPath = dir.resolve("target").toString();
        TableWriter.write(SPARK.createDataFrame(logged, SparkSchemas.of(Tables.INTERACTIONS)), Tables.INTERACTIONS,
                TableFormat.PARQUET, data);
        TableWriter.write(SPARK.createDataFrame(target, SparkSchemas.of(Tables.DECISIONS)), Tables.DECISIONS,
                TableFormat.PARQUET, targetPath);

        EvaluationReport res = SlateEvaluation.run(SPARK, SlateEvaluationConfig.of(EvaluationInput.of(data,
                TableFormat.PARQUET), PolicySource.table(targetPath, TableFormat.PARQUET))
                .withIntervals(new Intervals(200, 0.95, 5)));
        assertEquals(30_000, res.samples());
        assertEquals(0, res.unusable());
        // cascade: the slate is clicked unless every item is passed over
        double truth = truth(slate -> 1 - (1 - ATTRACT[slate[0]]) * (1 - ATTRACT[slate[1]]) * (1 - ATTRACT[slate[2]]));
        for (Estimate e : res.target()) {
            assertTrue(e.normal().contains(truth), e + " truth " + truth);
        }
        assertTrue(res.target().get(1).normal().width() < res.target().get(0).normal().width(),
                "RIPS narrower than slate IPS");
        assertTrue(res.notes().get(0).contains("action_probs"), "no IIPS without the logger's distribution: "
                + res.notes());
    }

    static final double[] POSITION_BIAS = {1.0, 0.6, 0.3};

    /**
     * An item-position click model (each slot clicked independently with attractiveness × position bias), where
     * independent IPS is unbiased; the logger's distribution is logged, so IIPS runs beside the others.
     */
    @Test
    void independentIpsCoversTheTruthWhenSlotsAreIndependent() {
        int k = 3;
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            candidates.add(new Candidate("item" + i, null));
        }
        double[] uniform = normalise(new double[] {1, 1, 1, 1, 1, 1});
        List<Row> logged = new ArrayList<>();
        List<Row> target = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(8);
        Instant t = Instant.parse("2026-06-01T12:00:00Z");
        for (int e = 0; e < 30_000; e++) {
            String id = "ip-" + e;
            boolean[] used = new boolean[6];
            String[] slate = new String[k];
            double[] probs = new double[k];
            double[] slotRewards = new double[k];
            for (int j = 0; j < k; j++) {
                int a = pick(uniform, used, r.nextDouble());
                probs[j] = conditional(uniform, a, used);
                used[a] = true;
                slate[j] = "item" + a;
                slotRewards[j] = r.nextDouble() < ATTRACT[a] * POSITION_BIAS[j] ? 1 : 0;
            }
            double reward = slotRewards[0] + slotRewards[1] + slotRewards[2];
            Object[] row = Tables.INTERACTIONS.row("event_id", id, "timestamp", t, "model_id", "uniform-ranker",
                    "actions", candidates, "action", slate[0], "action_prob", probs[0], "slate", slate, "slot_probs",
                    probs, "action_probs", uniform, "reward", reward, "reward_timestamp", t, "reward_observed", true,
                    "reward_count", 1, "slot_rewards", slotRewards, "split", Split.of(id, 0.8), "date",
                    Timestamps.date(t), "hour", Timestamps.hour(t));
            logged.add(SparkRows.toRow(Tables.INTERACTIONS, row));
            target.add(SparkRows.toRow(Tables.DECISIONS, Tables.DECISIONS.row("event_id", id, "timestamp", t,
                    "model_id", "target", "actions", candidates, "action", "item5", "action_prob", TARGET[5],
                    "action_probs", TARGET)));
        }
        String data = dir.resolve("ip-interactions").toString();
        String targetPath = dir.resolve("ip-target").toString();
        TableWriter.write(SPARK.createDataFrame(logged, SparkSchemas.of(Tables.INTERACTIONS)), Tables.INTERACTIONS,
                TableFormat.PARQUET, data);
        TableWriter.write(SPARK.createDataFrame(target, SparkSchemas.of(Tables.DECISIONS)), Tables.DECISIONS,
                TableFormat.PARQUET, targetPath);

        EvaluationReport res = SlateEvaluation.run(SPARK, SlateEvaluationConfig.of(EvaluationInput.of(data,
                TableFormat.PARQUET), PolicySource.table(targetPath, TableFormat.PARQUET))
                .withIntervals(new Intervals(200, 0.95, 5)));
        double truth = truth(slate -> ATTRACT[slate[0]] * POSITION_BIAS[0] + ATTRACT[slate[1]] * POSITION_BIAS[1]
                + ATTRACT[slate[2]] * POSITION_BIAS[2]);
        assertEquals(List.of(), res.notes());
        assertEquals(List.of("SlateIPS", "RIPS", "IIPS"), res.target().stream().map(Estimate::estimator).toList());
        Estimate iips = res.target().get(2);
        System.out.println("item-position model: " + res.target() + " truth " + truth);
        assertTrue(iips.normal().contains(truth), iips + " truth " + truth);
        assertTrue(res.target().get(0).normal().contains(truth), res.target().get(0) + " truth " + truth);
        assertTrue(iips.normal().width() < res.target().get(0).normal().width(), "IIPS narrower than slate IPS");
    }

    /** The target's expected value of {@code value(slate)}, summed over the 120 ordered top-3 slates of 6 items. */
    static double truth(java.util.function.ToDoubleFunction<int[]> value) {
        double v = 0;
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 6; b++) {
                for (int c = 0; c < 6; c++) {
                    if (a == b || b == c || a == c) {
                        continue;
                    }
                    boolean[] used = new boolean[6];
                    double p = conditional(TARGET, a, used);
                    used[a] = true;
                    p *= conditional(TARGET, b, used);
                    used[b] = true;
                    p *= conditional(TARGET, c, used);
                    v += p * value.applyAsDouble(new int[] {a, b, c});
                }
            }
        }
        return v;
    }

    static double conditional(double[] p, int item, boolean[] used) {
        double left = 0;
        for (int i = 0; i < p.length; i++) {
            if (!used[i]) {
                left += p[i];
            }
        }
        return p[item] / left;
    }

    static int pick(double[] p, boolean[] used, double u) {
        double c = 0;
        int last = -1;
        for (int i = 0; i < p.length; i++) {
            if (!used[i]) {
                c += conditional(p, i, used);
                last = i;
                if (u < c) {
                    return i;
                }
            }
        }
        return last;
    }

    static double[] normalise(double[] s) {
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] / sum;
        }
        return out;
    }
}
