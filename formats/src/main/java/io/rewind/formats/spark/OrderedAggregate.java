package io.rewind.formats.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * An aggregation with a fixed merge order. Spark's {@code treeAggregate} merges the last partial results in the
 * order their tasks finish, so floating-point sums (a model's statistics, an estimate) differ in their last bits from
 * run to run and between a laptop and a cluster. Here each partition's result is tagged with its index, the results
 * are merged in index order within groups of about √n on the executors, and the groups in order in the driver: the
 * same rows in the same partitions give the same bits, run after run, wherever they run.
 */
public final class OrderedAggregate {
    private OrderedAggregate() {
    }

    /**
     * Folds every row into a copy of {@code zero} per partition with {@code add}, then merges the partitions' results
     * in partition order with {@code merge}. Each task works on its own copy of {@code zero} (tasks deserialize their
     * closures), which the driver's {@code zero} never sees.
     */
    public static <R, T extends Serializable> T of(JavaRDD<R> rows, T zero, Function2<T, R, T> add,
                                                   Function2<T, T, T> merge) {
        int n = rows.getNumPartitions();
        if (n == 0) {
            return zero;
        }
        int width = (int) Math.ceil(Math.sqrt(n));
        JavaRDD<Tuple2<Integer, Tuple2<Integer, T>>> partials = rows.mapPartitionsWithIndex((index, it) -> {
            T acc = zero;
            while (it.hasNext()) {
                acc = add.call(acc, it.next());
            }
            return List.of(new Tuple2<>(index / width, new Tuple2<>(index, acc))).iterator();
        }, true);
        if (n <= DRIVER_MERGED) {
            // the same groups merged in the same order, in the driver: one stage, no shuffle, the same bits
            Map<Integer, List<Tuple2<Integer, T>>> byGroup = new TreeMap<>();
            for (Tuple2<Integer, Tuple2<Integer, T>> p : partials.collect()) {
                byGroup.computeIfAbsent(p._1(), g -> new ArrayList<>()).add(p._2());
            }
            List<Tuple2<Integer, T>> groups = new ArrayList<>();
            byGroup.forEach((g, parts) -> groups.add(new Tuple2<>(g, inOrder(parts, merge))));
            return inOrder(groups, merge);
        }
        List<Tuple2<Integer, T>> groups = new ArrayList<>(partials.mapToPair(t -> t)
                .groupByKey((n + width - 1) / width)
                .mapValues(parts -> {
                    List<Tuple2<Integer, T>> ordered = new ArrayList<>();
                    parts.forEach(ordered::add);
                    return inOrder(ordered, merge);
                })
                .collect());
        return inOrder(groups, merge);
    }

    /**
     * Up to this many partitions, their results are merged in the driver: a merge on the executors costs a stage and
     * a shuffle (about 0.1 s a call on one machine, and a reward model's fit makes a call per Newton step), while
     * holding 8 results in the driver costs little more than the 3 groups' results it holds anyway.
     */
    static final int DRIVER_MERGED = 8;

    private static <T> T inOrder(List<Tuple2<Integer, T>> tagged, Function2<T, T, T> merge) {
        tagged.sort(Comparator.comparing(Tuple2::_1));
        T acc = tagged.get(0)._2();
        try {
            for (int k = 1; k < tagged.size(); k++) {
                acc = merge.call(acc, tagged.get(k)._2());
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return acc;
    }
}
