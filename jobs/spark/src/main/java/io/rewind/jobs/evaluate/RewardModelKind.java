package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import io.rewind.ope.spark.CrossFittedRewardModel;
import io.rewind.ope.spark.GlmRewardModel;
import io.rewind.ope.spark.MllibRewardRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The learner behind the cross-fitted reward model q̂ ({@code --reward-model}). */
public enum RewardModelKind {
    /**
     * Logistic regression for binary rewards, ridge regression otherwise, fitted by Newton's method from statistics
     * summed on the executors, and scored in the pass that reads each row: no row × candidate table.
     */
    GLM,
    /** Ridge regression for any rewards (q̂ clipped to [0, 1] for binary ones), fitted as GLM is, in one pass. */
    RIDGE,
    /**
     * Spark MLlib's logistic regression for binary rewards, linear regression otherwise, on one row per candidate
     * of every decision (rows × candidates materialized, shuffled and joined back: slower, for comparison).
     */
    MLLIB;

    /** The L2 penalty of GLM and RIDGE. */
    static final double L2 = 1.0;

    /**
     * {@code rows} with {@code q}: the cross-fitted q̂ of each of the row's candidates, in their order.
     *
     * @param parametric whether the candidates carry features ({@link io.rewind.formats.spark.VectorLengthRange#has})
     */
    Dataset<Row> withQ(Dataset<Row> rows, boolean parametric, int folds) {
        if (this == MLLIB) {
            Dataset<Row> q = CrossFittedRewardModel.predict(rows, parametric, folds, new MllibRewardRegressor(1e-3))
                    .groupBy("event_id").agg(array_sort(collect_list(struct(col("pos"), col("q_hat")))).as("q"));
            return rows.join(q, "event_id").withColumn("q", col("q.q_hat"));
        }
        GlmRewardModel.Kind kind = this == GLM ? GlmRewardModel.Kind.GLM : GlmRewardModel.Kind.RIDGE;
        return GlmRewardModel.withQ(rows, parametric, folds, kind, L2);
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
