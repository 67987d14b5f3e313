package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.zip_with;

import io.rewind.formats.Split;
import io.rewind.ope.PoissonBootstrap;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/** The usable aligned rows as the estimators read them: one sample a logged decision, its columns by name. */
final class BanditSamples {
    private BanditSamples() {
    }

    /** Adds {@code q}: the cross-fitted q̂(x, a) for each candidate, or zeros when no estimator needs it. */
    static Dataset<Row> withRewardModel(Dataset<Row> good, boolean actionFeatures, BanditEstimation e) {
        if (!e.needsRewardModel()) {
            return good.withColumn("q", zip_with(col("t_aligned"), col("t_aligned"), (a, b) -> lit(0.0)));
        }
        return e.rewardModel().withQ(good, actionFeatures, e.folds());
    }

    /**
     * The rows the estimators read, by name: id, reward, logged_prob, target_prob, q_hat, dm_value, and the
     * incumbent's i_target_prob and i_dm_value; with {@code onEmbeddings} b_marginal and t_marginal, each policy's
     * probability of the chosen action's embedding; with several {@code loggers} each row's logger (its index) and
     * divergence, Σ_a π_e(a|x)² / π_b(a|x) from its logger's action_probs (null where they were not logged or give
     * 0 to an action the target takes).
     */
    static Dataset<Row> of(Dataset<Row> good, boolean compares, boolean onEmbeddings, Loggers loggers) {
        UserDefinedFunction rowId = udf((UDF1<String, Long>) id -> PoissonBootstrap.mix(Double.doubleToLongBits(
                Split.unitHash(id))), DataTypes.LongType);
        return good.select(rowId.apply(col("event_id")).as("id"), col("reward"),
                col("action_prob").as("logged_prob"), element_at(col("t_aligned"), col("pos")).as("target_prob"),
                element_at(col("q"), col("pos")).as("q_hat"), dm("t_aligned").as("dm_value"),
                compares ? element_at(col("i_aligned"), col("pos")).as("i_target_prob") : lit(0.0).as("i_target_prob"),
                compares ? dm("i_aligned").as("i_dm_value") : lit(0.0).as("i_dm_value"),
                onEmbeddings ? marginal("action_probs").as("b_marginal") : lit(1.0).as("b_marginal"),
                onEmbeddings ? marginal("t_aligned").as("t_marginal") : lit(1.0).as("t_marginal"),
                loggers.several() ? loggers.index().as("logger") : lit(0).as("logger"),
                loggers.several() ? divergence().as("divergence") : lit(null).cast("double").as("divergence"));
    }

    private static Column divergence() {
        Column unreachable = exists(zip_with(col("t_aligned"), col("action_probs"), (t, b) -> t.gt(0).and(b.leq(0))),
                x -> x);
        Column sum = aggregate(zip_with(col("t_aligned"), col("action_probs"),
                (t, b) -> when(t.gt(0), t.multiply(t).divide(b)).otherwise(0.0)), lit(0.0), (acc, x) -> acc.plus(x));
        return when(unreachable, lit(null).cast("double")).otherwise(sum);
    }

    /**
     * Σ over the candidates whose features (their embedding) equal the chosen one's of the probabilities in column
     * {@code probs}: p(e|x, π) for the chosen action's embedding e (Saito and Joachims 2022). A UDF rather than
     * zip_with: Spark evaluates a higher-order function's lambda element by element, and the chosen candidate's
     * features inside it were extracted again for every candidate (on a 2,000-item catalogue, 2,000 copies of the
     * candidates' features per candidate per row).
     */
    private static Column marginal(String probs) {
        return MARGINAL.apply(col("actions.features"), col(probs), col("pos"));
    }

    private static final UserDefinedFunction MARGINAL = udf((UDF3<Object, Object, Integer, Double>) (f, p, pos) -> {
        if (f == null || p == null || pos == null) {
            return null;
        }
        List<Object> features = TargetAlignment.list(f);
        List<Object> probabilities = TargetAlignment.list(p);
        Object chosen = features.get(pos - 1);
        double sum = 0;
        for (int i = 0; i < features.size(); i++) {
            if (java.util.Objects.equals(features.get(i), chosen)) {
                sum += (Double) probabilities.get(i);
            }
        }
        return sum;
    }, DataTypes.DoubleType);

    /** Σ_a π(a|x) q̂(x, a) for the probabilities in column {@code probs}. */
    private static Column dm(String probs) {
        return aggregate(zip_with(col(probs), col("q"), (p, q) -> p.multiply(q)), lit(0.0), (acc, x) -> acc.plus(x));
    }
}
