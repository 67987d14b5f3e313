package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;

import io.rewind.formats.spark.OrderedAggregate;
import io.rewind.formats.spark.SparkRows;
import io.rewind.ope.sequential.FittedQEvaluation;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Fitted Q evaluation on Spark with linear per-action features [1, s] ({@link FittedQEvaluation#linear}): each
 * iteration is one aggregation of Σ φ·y over all transitions (y = r + γ Σ_a' π(a'|s') Q(s', a'), the current
 * weights shipped with the task), the per-action Gram matrices are summed once; only d² numbers per action reach
 * the driver.
 */
final class SparkFittedQ {
    private SparkFittedQ() {
    }

    /**
     * @param steps {@code episode_id}, {@code step}, {@code state}, {@code action}, {@code reward}, {@code target}
     * @return the weights, one row per action, over [1, s]
     */
    static double[][] fit(Dataset<Row> steps, int actions, double gamma, int iterations, double ridge) {
        WindowSpec byEpisode = Window.partitionBy("episode_id").orderBy("step");
        JavaRDD<Row> transitions = steps.select(col("state"), col("action"), col("reward"),
                        lead(col("state"), 1).over(byEpisode).as("next"),
                        lead(col("target"), 1).over(byEpisode).as("target_next"))
                .javaRDD().cache();
        int d = SparkRows.doubles(transitions.first().get(0)).length + 1;
        double[] gramSums = OrderedAggregate.of(transitions, new double[actions * d * d], (acc, r) -> {
            double[] f = FittedQEvaluation.linear(SparkRows.doubles(r.get(0)));
            int base = r.getInt(1) * d * d;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    acc[base + i * d + j] += f[i] * f[j];
                }
            }
            return acc;
        }, SparkFittedQ::add);
        double[][] gram = new double[actions][];
        for (int a = 0; a < actions; a++) {
            gram[a] = java.util.Arrays.copyOfRange(gramSums, a * d * d, (a + 1) * d * d);
        }
        double[][] w = new double[actions][d];
        for (int k = 0; k < iterations; k++) {
            double[][] current = w;
            double[] xtySums = OrderedAggregate.of(transitions, new double[actions * d], (acc, r) -> {
                double y = r.getDouble(2);
                if (!r.isNullAt(3)) {
                    y += gamma * model(current).value(SparkRows.doubles(r.get(3)), SparkRows.doubles(r.get(4)));
                }
                double[] f = FittedQEvaluation.linear(SparkRows.doubles(r.get(0)));
                int base = r.getInt(1) * d;
                for (int i = 0; i < d; i++) {
                    acc[base + i] += f[i] * y;
                }
                return acc;
            }, SparkFittedQ::add);
            double[][] xty = new double[actions][];
            for (int a = 0; a < actions; a++) {
                xty[a] = java.util.Arrays.copyOfRange(xtySums, a * d, (a + 1) * d);
            }
            w = FittedQEvaluation.solve(gram, xty, d, ridge);
        }
        transitions.unpersist();
        return w;
    }

    /** The fitted model over [1, s]; built where it is used, as only the weights travel with the tasks. */
    static FittedQEvaluation model(double[][] w) {
        return FittedQEvaluation.of(w, FittedQEvaluation::linear);
    }

    private static double[] add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }
}
