package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.rewind.ope.spark.RewardRegressor;
import io.rewind.rl.bandit.Phi;
import io.rewind.rl.bandit.RidgeScorer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The reward model as the bandit learners' own ridge regression ({@link RidgeScorer}, offline-rl): XᵀX and Xᵀy are
 * summed over the training rows in one Spark aggregation (any number of rows, d² numbers to the driver), solved
 * there, and the fitted scorer predicts q̂ = θ·φ on the executors; clipped to [0, 1] for binary rewards.
 */
public record RidgeRewardRegressor(double lambda) implements RewardRegressor {
    @Override
    public Dataset<Row> fitAndScore(Dataset<Row> train, Dataset<Row> score, boolean binaryRewards) {
        int d = ((Vector) train.select("features").first().get(0)).size();
        double[] sums = train.select("features", "label").javaRDD().treeAggregate(new double[d * d + d],
                (acc, row) -> {
                    double[] x = ((Vector) row.get(0)).toArray();
                    double y = ((Number) row.get(1)).doubleValue();
                    for (int i = 0; i < d; i++) {
                        if (x[i] == 0) {
                            continue;
                        }
                        acc[d * d + i] += x[i] * y;
                        for (int j = 0; j < d; j++) {
                            acc[i * d + j] += x[i] * x[j];
                        }
                    }
                    return acc;
                }, (a, b) -> {
                    for (int k = 0; k < a.length; k++) {
                        a[k] += b[k];
                    }
                    return a;
                });
        RealMatrix gram = new Array2DRowRealMatrix(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                gram.setEntry(i, j, sums[i * d + j] + (i == j ? lambda : 0));
            }
        }
        RealMatrix inverse = new LUDecomposition(gram).getSolver().getInverse();
        double[] b = java.util.Arrays.copyOfRange(sums, d * d, d * d + d);
        RidgeScorer scorer = new RidgeScorer(d, lambda);
        scorer.restore(new RidgeScorer.State(inverse.getData(), b, inverse.operate(b)));
        UserDefinedFunction q = udf((UDF1<Vector, Double>) v -> {
            double m = scorer.mean(Phi.dense(v.toArray()));
            return binaryRewards ? Math.min(1, Math.max(0, m)) : m;
        }, DataTypes.DoubleType);
        return score.withColumn("q_hat", q.apply(col("features")));
    }
}
