package io.rewind.ope.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.udf;

import io.rewind.formats.spark.SparkRows;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * q̂(x, a) for every candidate of every logged decision, by cross-fitting on Spark MLlib: rows are split into K
 * folds by a hash of {@code event_id}, and each fold is scored by a model fitted on the other folds' logged actions
 * (Chernozhukov et al. 2018). Features: for parametric actions the context, the action's features and their
 * products; for fixed arms a per-arm intercept and per-arm context weights. The learner is a {@link RewardRegressor}:
 * MLlib's logistic (binary rewards) or linear regression by default.
 */
public final class CrossFittedRewardModel {
    private CrossFittedRewardModel() {
    }

    /**
     * @param interactions rows with {@code event_id}, {@code context}, {@code actions}, {@code action},
     *                     {@code reward}
     * @param parametric   whether the candidates carry features ({@link io.rewind.formats.spark.VectorLengthRange#has})
     * @return one row per candidate: {@code event_id}, {@code pos} (index in {@code actions}), {@code q_hat}
     */
    public static Dataset<Row> predict(Dataset<Row> interactions, boolean parametric, int folds,
                                       RewardRegressor regressor) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-fitting needs at least 2 folds, got " + folds);
        }
        UserDefinedFunction fold = udf((UDF1<String, Integer>) id -> GlmRewardModel.fold(id, folds),
                DataTypes.IntegerType);
        Dataset<Row> candidates = interactions
                .select(col("event_id"), col("context"), col("action"), col("reward"),
                        posexplode(col("actions")).as(new String[] {"pos", "candidate"}))
                .withColumn("logged", col("candidate.id").equalTo(col("action")))
                .withColumn("fold", fold.apply(col("event_id")));
        Column features;
        if (parametric) {
            UserDefinedFunction f = udf((UDF2<Object, Object, org.apache.spark.ml.linalg.Vector>)
                    (x, a) -> Vectors.dense(parametricFeatures(x == null ? new double[0] : SparkRows.doubles(x),
                            a == null ? new double[0] : SparkRows.doubles(a))), SQLDataTypes.VectorType());
            features = f.apply(col("context"), col("candidate.features"));
        } else {
            List<Row> ids = candidates.select(col("candidate.id")).distinct().orderBy("id").collectAsList();
            Map<String, Integer> index = new HashMap<>();
            for (Row r : ids) {
                index.put(r.getString(0), index.size());
            }
            int arms = index.size();
            UserDefinedFunction f = udf((UDF2<Object, String, org.apache.spark.ml.linalg.Vector>)
                    (x, id) -> Vectors.dense(armFeatures(x == null ? new double[0] : SparkRows.doubles(x),
                            index.get(id), arms)), SQLDataTypes.VectorType());
            features = f.apply(col("context"), col("candidate.id"));
        }
        Dataset<Row> rows = candidates.withColumn("features", features)
                .select("event_id", "pos", "fold", "logged", "reward", "features").cache();
        long[] perFold = new long[folds];
        for (Row r : rows.filter(col("logged")).groupBy("fold").count().collectAsList()) {
            perFold[r.getInt(0)] = r.getLong(1);
        }
        for (int k = 0; k < folds; k++) {
            if (perFold[k] == 0) {
                throw new IllegalArgumentException("reward model: fold " + k + " of " + folds + " has no logged"
                        + " rows; use fewer --folds or more data");
            }
        }
        boolean binary = rows.filter(col("logged").and(col("reward").notEqual(0.0)).and(col("reward").notEqual(1.0)))
                .limit(1).isEmpty();
        Dataset<Row> out = null;
        for (int k = 0; k < folds; k++) {
            Dataset<Row> train = rows.filter(col("logged").and(col("fold").notEqual(k))).withColumnRenamed("reward",
                    "label");
            Dataset<Row> score = rows.filter(col("fold").equalTo(k));
            Dataset<Row> scored = regressor.fitAndScore(train, score, binary);
            Dataset<Row> part = scored.select("event_id", "pos", "q_hat");
            out = out == null ? part : out.union(part);
        }
        return out;
    }

    /** [x, a, x ⊗ a]. */
    static double[] parametricFeatures(double[] x, double[] a) {
        double[] f = new double[x.length + a.length + x.length * a.length];
        System.arraycopy(x, 0, f, 0, x.length);
        System.arraycopy(a, 0, f, x.length, a.length);
        int k = x.length + a.length;
        for (double xi : x) {
            for (double aj : a) {
                f[k++] = xi * aj;
            }
        }
        return f;
    }

    /** One block per arm, [1, x] in the chosen arm's block, zeros elsewhere. */
    static double[] armFeatures(double[] x, int arm, int arms) {
        int block = x.length + 1;
        double[] f = new double[arms * block];
        f[arm * block] = 1;
        System.arraycopy(x, 0, f, arm * block + 1, x.length);
        return f;
    }
}
