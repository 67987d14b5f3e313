package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.SparkRows;
import io.rewind.jobs.join.Interactions;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import org.apache.spark.storage.StorageLevel;
import io.rewind.ope.Estimate;
import io.rewind.ope.Estimator;
import io.rewind.ope.PoissonBootstrap;
import io.rewind.ope.slate.IndependentIps;
import io.rewind.ope.slate.PlackettLuce;
import io.rewind.ope.slate.RewardInteractionIps;
import io.rewind.ope.slate.SlateSample;
import io.rewind.ope.slate.StandardSlateIps;
import io.rewind.ope.spark.SparkEvaluation;
import io.rewind.formats.Split;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Off-policy estimates for ranked top-k lists. Logged: the slate and each slot's probability given the slots above
 * it ({@code slot_probs}). Target: its distribution over the candidates ({@code action_probs}), read as a ranking
 * drawn slot by slot without replacement (Plackett-Luce, what top-k sampling does), so its probability of the
 * logged slot k is p(a_k) / Σ_{a not above} p(a). Per-slot feedback: {@code slot_rewards}, or for cascades
 * {@code click_position} (1 at the click, 0 elsewhere); a slate with reward 0 and neither has 0 in every slot.
 * Independent IPS joins them when every slate also logged the logger's distribution ({@code action_probs}) and the
 * slot marginals can be computed exactly ({@link PlackettLuce#exactFeasible}); the result says why otherwise.
 */
public final class SlateEvaluation {
    private SlateEvaluation() {
    }

    /** @param note why independent IPS is missing, or null when it is among the estimates */
    public static EvaluationReport run(SparkSession spark, SlateEvaluationConfig c) {
        Interactions read = Interactions.read(spark, c.input().paths(), c.input().format(), c.input().mapped());
        Dataset<Row> joined = read.valid().filter(col("slate").isNotNull())
                .join(TargetAlignment.read(spark, c.target().table(), c.target().tableFormat(), "t"), "event_id",
                        "left");
        Dataset<Row> slates = TargetAlignment.withAlignment(joined, "t")
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long rowsIn = slates.count() + read.quarantinedCount();
            List<Row> byReason = slates.filter(col("t_reason").isNotNull()).groupBy("t_reason").count()
                    .collectAsList();
            long unusable = read.quarantinedCount() + byReason.stream().mapToLong(r -> r.getLong(1)).sum();
            BadFractionExceededException.checkUnusable("evaluate slates", unusable, rowsIn,
                    c.input().maxBadFraction(), byReason.stream().map(r -> r.getLong(1) + " " + r.getString(0))
                            .collect(java.util.stream.Collectors.joining(", ")) + (read.quarantinedCount() == 0 ? ""
                            : ", " + read.quarantinedCount() + " malformed input rows"),
                    new JobSummary("evaluate").put("rows_in", rowsIn).put("unusable", unusable));
            PropensityDiagnostics propensities = PropensityCheck.ofInteractions(slates);
            PropensityCheck.requireWithin(propensities, rowsIn, c.input().maxBadFraction());
            Dataset<Row> rows = slates.filter(col("t_reason").isNull())
                    .select(col("event_id"), col("actions.id").as("ids"), col("slate"), col("slot_probs"),
                            col("slot_rewards"), col("click_position"), col("t_aligned"), col("reward"),
                            col("action_probs"));
            String note = independentIpsNote(rows);
            boolean marginals = note == null;
            JavaRDD<SlateSample> samples = rows.javaRDD().map(r -> sample(r, marginals));
            List<Estimator<SlateSample>> estimators = marginals
                    ? List.of(new StandardSlateIps(), new RewardInteractionIps(), new IndependentIps())
                    : List.of(new StandardSlateIps(), new RewardInteractionIps());
            Intervals iv = c.intervals();
            var e = SparkEvaluation.evaluate(samples, estimators, iv.replicates(), iv.seed(),
                    Double.POSITIVE_INFINITY);
            if (e.n() == 0) {
                throw new IllegalArgumentException("evaluate slates: no slate decisions with target probabilities in "
                        + c.input().paths());
            }
            EvaluationReport report = new EvaluationReport(EvaluationReport.Kind.SLATES, rowsIn, e.n(), unusable,
                    e.n(), iv.level(), e.results(iv.level()), null, null, null, null,
                    note == null ? List.of() : List.of(note), propensities, List.of(), null);
            ReportWriter.write(spark, report, c.outputs());
            return report;
        } finally {
            slates.unpersist();
            read.release();
        }
    }

    /** Why independent (item-position) IPS cannot be computed on these slates, or null when it can. */
    private static String independentIpsNote(Dataset<Row> rows) {
        Row shape = rows.agg(max(size(col("ids"))), max(size(col("slate"))),
                sum(when(col("action_probs").isNull(), 1).otherwise(0))).first();
        if (shape.isNullAt(0)) {
            return "no slates";
        }
        if (shape.getLong(2) > 0) {
            return "IIPS needs the logger's distribution (action_probs) on every slate; " + shape.getLong(2)
                    + " have none";
        }
        if (!PlackettLuce.exactFeasible(shape.getInt(0), shape.getInt(1))) {
            return "IIPS: slot marginals for top-" + shape.getInt(1) + " of " + shape.getInt(0)
                    + " candidates would take too many prefixes to enumerate";
        }
        return null;
    }

    static SlateSample sample(Row r, boolean withMarginals) {
        String event = r.getString(0);
        List<String> ids = r.getList(1);
        List<String> slate = r.getList(2);
        double[] logged = SparkRows.doubles(r.get(3));
        double[] target = SparkRows.doubles(r.get(6));
        int k = slate.size();
        double[] rewards = new double[k];
        if (!r.isNullAt(4)) {
            double[] fb = SparkRows.doubles(r.get(4));
            System.arraycopy(fb, 0, rewards, 0, Math.min(k, fb.length));
        } else if (!r.isNullAt(5)) {
            if (r.getInt(5) < k) {
                rewards[r.getInt(5)] = 1;
            }
        } else if (r.getDouble(7) != 0) {
            throw new IllegalArgumentException("event " + event + ": a rewarded slate needs slot_rewards or"
                    + " click_position to say which slot earned it");
        }
        double[] ratios = new double[k];
        double left = 1;
        for (int j = 0; j < k; j++) {
            int a = ids.indexOf(slate.get(j));
            double p = left > 0 ? target[a] / left : 0;
            ratios[j] = p / logged[j];
            left -= target[a];
        }
        double[] marginalRatios = null;
        if (withMarginals) {
            double[] logging = SparkRows.doubles(r.get(8));
            marginalRatios = new double[k];
            for (int j = 0; j < k; j++) {
                int a = ids.indexOf(slate.get(j));
                marginalRatios[j] = PlackettLuce.marginal(target, a, j) / PlackettLuce.marginal(logging, a, j);
            }
        }
        return new SlateSample(PoissonBootstrap.mix(Double.doubleToLongBits(Split.unitHash(event))), rewards, ratios,
                marginalRatios);
    }
}
