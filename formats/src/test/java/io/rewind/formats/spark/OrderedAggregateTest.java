package io.rewind.formats.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Floating-point sums whose value depends on the order of the additions come out the same, bit for bit, on every
 * run: the merge follows the partition index, not the order tasks finish in.
 */
class OrderedAggregateTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    /** 23 partitions merge in groups on the executors, 7 in the driver: the same order either way. */
    @ParameterizedTest
    @ValueSource(ints = {23, OrderedAggregate.DRIVER_MERGED - 1})
    void mergesInPartitionOrderEveryRun(int partitions) {
        SplittableRandom rng = new SplittableRandom(3);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            // magnitudes 1e-8 to 1e8: every order of the additions rounds differently
            values.add((rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-8, 9)));
        }
        JavaRDD<Double> rows = JavaSparkContext.fromSparkContext(SPARK.sparkContext()).parallelize(values, partitions);
        // the same additions in the order the aggregate promises: rows within a partition, partitions by index in
        // groups of ⌈√partitions⌉, then the groups by index
        int width = (int) Math.ceil(Math.sqrt(partitions));
        List<List<Double>> byPartition = rows.glom().collect();
        double[] expected = null;
        for (int g = 0; g < partitions; g += width) {
            double[] group = null;
            for (int p = g; p < Math.min(g + width, partitions); p++) {
                double[] acc = new double[2];
                for (double v : byPartition.get(p)) {
                    acc[0] += v;
                    acc[1]++;
                }
                group = group == null ? acc : new double[] {group[0] + acc[0], group[1] + acc[1]};
            }
            expected = expected == null ? group : new double[] {expected[0] + group[0], expected[1] + group[1]};
        }
        double[] zero = new double[2];
        for (int run = 0; run < 5; run++) {
            double[] got = OrderedAggregate.of(rows, zero, (acc, v) -> {
                acc[0] += v;
                acc[1]++;
                return acc;
            }, (a, b) -> {
                a[0] += b[0];
                a[1] += b[1];
                return a;
            });
            assertArrayEquals(expected, got, 0.0, "run " + run);
        }
        assertArrayEquals(new double[2], zero, 0.0, "the driver's zero is never added to");
        assertEquals(4000.0, expected[1]);
    }
}
