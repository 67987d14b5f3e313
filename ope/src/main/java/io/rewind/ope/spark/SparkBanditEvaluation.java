package io.rewind.ope.spark;

import io.rewind.ope.Estimator;
import io.rewind.ope.Evaluation;
import io.rewind.ope.bandit.BanditSample;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Bandit estimators over a table of samples with columns {@code id} (long), {@code reward}, {@code logged_prob},
 * {@code target_prob}, {@code q_hat}, {@code dm_value}, as a Spark aggregation ({@link SparkEvaluation}).
 */
public final class SparkBanditEvaluation {
    public static final List<String> COLUMNS = List.of("id", "reward", "logged_prob", "target_prob", "q_hat",
            "dm_value");

    private SparkBanditEvaluation() {
    }

    public static Evaluation<BanditSample> evaluate(Dataset<Row> samples, List<Estimator<BanditSample>> estimators,
                                                    int replicates, long seed, double clipAt) {
        return SparkEvaluation.evaluate(samples.select(COLUMNS.get(0), COLUMNS.subList(1, COLUMNS.size())
                        .toArray(new String[0])).javaRDD().map(SparkBanditEvaluation::sample), estimators,
                replicates, seed, clipAt);
    }

    public static BanditSample sample(Row r) {
        return new BanditSample(r.<Long>getAs("id"), r.<Double>getAs("reward"), r.<Double>getAs("logged_prob"),
                r.<Double>getAs("target_prob"), r.<Double>getAs("q_hat"), r.<Double>getAs("dm_value"));
    }
}
