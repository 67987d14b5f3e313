package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.col;

import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.SparkRows;
import io.rewind.formats.spark.TableReader;
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
    public record Result(List<Estimate> estimates, long slates, String note) {
        public Result(List<Estimate> estimates, long slates) {
            this(estimates, slates, null);
        }
    }

    public static Result run(SparkSession spark, List<String> data, TableFormat dataFormat, List<String> target,
                             TableFormat targetFormat, int replicates, double level, long seed) {
        ReadResult read = TableReader.read(spark, Tables.INTERACTIONS, dataFormat, data.toArray(new String[0]));
        Dataset<Row> rows = read.valid().filter(col("slate").isNotNull())
                .join(TargetAlignment.read(spark, target, targetFormat, "t"), "event_id")
                .withColumn("t_aligned", TargetAlignment.aligned("t"))
                .filter(col("t_aligned").isNotNull())
                .select(col("event_id"), col("actions.id").as("ids"), col("slate"), col("slot_probs"),
                        col("slot_rewards"), col("click_position"), col("t_aligned"), col("reward"),
                        col("action_probs"));
        Row shape = rows.agg(org.apache.spark.sql.functions.max(org.apache.spark.sql.functions.size(col("ids"))),
                org.apache.spark.sql.functions.max(org.apache.spark.sql.functions.size(col("slate"))),
                org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(col("action_probs").isNull(), 1)
                        .otherwise(0))).first();
        String note = null;
        if (shape.isNullAt(0)) {
            note = "no slates";
        } else if (shape.getLong(2) > 0) {
            note = "IIPS needs the logger's distribution (action_probs) on every slate; " + shape.getLong(2)
                    + " have none";
        } else if (!PlackettLuce.exactFeasible(shape.getInt(0), shape.getInt(1))) {
            note = "IIPS: slot marginals for top-" + shape.getInt(1) + " of " + shape.getInt(0)
                    + " candidates would take too many prefixes to enumerate";
        }
        boolean marginals = note == null;
        JavaRDD<SlateSample> samples = rows.javaRDD().map(r -> sample(r, marginals));
        List<Estimator<SlateSample>> estimators = marginals
                ? List.of(new StandardSlateIps(), new RewardInteractionIps(), new IndependentIps())
                : List.of(new StandardSlateIps(), new RewardInteractionIps());
        var e = SparkEvaluation.evaluate(samples, estimators, replicates, seed, Double.POSITIVE_INFINITY);
        if (e.n() == 0) {
            throw new IllegalArgumentException("evaluate --slates: no slate decisions with target probabilities in "
                    + data);
        }
        read.unpersist();
        return new Result(e.results(level), e.n(), note);
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
