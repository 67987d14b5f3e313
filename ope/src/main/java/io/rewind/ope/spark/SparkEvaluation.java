package io.rewind.ope.spark;

import io.rewind.formats.spark.OrderedAggregate;
import io.rewind.ope.Estimator;
import io.rewind.ope.Evaluation;
import io.rewind.ope.OpeSample;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * Any estimators as a Spark aggregation: each partition folds its samples into an {@link Evaluation} (mergeable
 * statistics), and the partial evaluations merge in a tree; no sample is collected to the driver.
 */
public final class SparkEvaluation {
    private SparkEvaluation() {
    }

    public static <S extends OpeSample> Evaluation<S> evaluate(JavaRDD<S> samples, List<Estimator<S>> estimators,
                                                               int replicates, long seed, double clipAt) {
        JavaRDD<Evaluation<S>> partials = samples.mapPartitions(it -> {
            Evaluation<S> e = new Evaluation<>(estimators, replicates, seed, clipAt);
            while (it.hasNext()) {
                e.add(it.next());
            }
            List<Evaluation<S>> one = new ArrayList<>(1);
            one.add(e);
            return one.iterator();
        });
        return OrderedAggregate.of(partials, new Evaluation<>(estimators, replicates, seed, clipAt), Evaluation::merge,
                Evaluation::merge);
    }
}
