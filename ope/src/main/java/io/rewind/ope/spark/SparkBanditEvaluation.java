package io.rewind.ope.spark;

import io.rewind.ope.Estimator;
import io.rewind.ope.Evaluation;
import io.rewind.ope.bandit.BanditSample;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Bandit estimators as a Spark aggregation: each partition folds its rows into an {@link Evaluation} (the mergeable
 * statistics), and the partial evaluations are merged in a tree; no row is collected to the driver. Input columns:
 * {@code id} (long), {@code reward}, {@code logged_prob}, {@code target_prob}, {@code q_hat}, {@code dm_value}.
 */
public final class SparkBanditEvaluation {
    public static final List<String> COLUMNS = List.of("id", "reward", "logged_prob", "target_prob", "q_hat",
            "dm_value");

    private SparkBanditEvaluation() {
    }

    public static Evaluation<BanditSample> evaluate(Dataset<Row> samples, List<Estimator<BanditSample>> estimators,
                                                    int replicates, long seed, double clipAt) {
        JavaRDD<Row> rows = samples.select(COLUMNS.get(0), COLUMNS.subList(1, COLUMNS.size()).toArray(new String[0]))
                .javaRDD();
        JavaRDD<Evaluation<BanditSample>> partials = rows.mapPartitions(it -> {
            Evaluation<BanditSample> e = new Evaluation<>(estimators, replicates, seed, clipAt);
            while (it.hasNext()) {
                Row r = it.next();
                e.add(new BanditSample(r.getLong(0), r.getDouble(1), r.getDouble(2), r.getDouble(3), r.getDouble(4),
                        r.getDouble(5)));
            }
            List<Evaluation<BanditSample>> one = new ArrayList<>(1);
            one.add(e);
            return one.iterator();
        });
        Evaluation<BanditSample> zero = new Evaluation<>(estimators, replicates, seed, clipAt);
        return partials.treeAggregate(zero, Evaluation::merge, Evaluation::merge);
    }
}
