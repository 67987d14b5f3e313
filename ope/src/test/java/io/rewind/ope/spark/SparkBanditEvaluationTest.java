package io.rewind.ope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rewind.formats.spark.LocalSpark;
import io.rewind.ope.Estimate;
import io.rewind.ope.Estimator;
import io.rewind.ope.Evaluation;
import io.rewind.ope.Interval;
import io.rewind.ope.bandit.BanditSample;
import io.rewind.ope.bandit.DirectMethod;
import io.rewind.ope.bandit.DoublyRobust;
import io.rewind.ope.bandit.DoublyRobustShrinkage;
import io.rewind.ope.bandit.Ips;
import io.rewind.ope.bandit.SelfNormalizedDoublyRobust;
import io.rewind.ope.bandit.Snips;
import io.rewind.ope.bandit.SwitchDoublyRobust;
import io.rewind.ope.synthetic.SyntheticBandit;
import io.rewind.ope.synthetic.SyntheticEvaluation;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The Spark aggregation gives the in-memory answer, to 1e-9 relative, for every estimator and partitioning. */
class SparkBanditEvaluationTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final List<Estimator<BanditSample>> ESTIMATORS = List.of(new Ips(), new Ips(20), new Snips(),
            new DirectMethod(), new DoublyRobust(), new SelfNormalizedDoublyRobust(), new SwitchDoublyRobust(30),
            new DoublyRobustShrinkage(100));

    @Test
    void sparkEqualsInMemoryForEveryPartitioning() {
        SyntheticBandit bandit = new SyntheticBandit(10, 5, -3, 0.3, 3);
        List<BanditSample> samples = SyntheticEvaluation.generate(bandit, 5000, 1, 2).samples();
        Evaluation<BanditSample> memory = SyntheticEvaluation.evaluate(ESTIMATORS, samples, 100, 9);
        List<Estimate> expected = memory.results(0.95);
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.LongType, false),
                DataTypes.createStructField("reward", DataTypes.DoubleType, false),
                DataTypes.createStructField("logged_prob", DataTypes.DoubleType, false),
                DataTypes.createStructField("target_prob", DataTypes.DoubleType, false),
                DataTypes.createStructField("q_hat", DataTypes.DoubleType, false),
                DataTypes.createStructField("dm_value", DataTypes.DoubleType, false)));
        List<Row> rows = new ArrayList<>();
        for (BanditSample s : samples) {
            rows.add(RowFactory.create(s.id(), s.reward(), s.loggedProb(), s.targetProb(), s.qHat(), s.dmValue()));
        }
        Dataset<Row> df = SPARK.createDataFrame(rows, schema);
        for (int partitions : new int[] {1, 3, 8}) {
            Dataset<Row> shuffled = df.repartition(partitions);
            List<Estimate> actual = SparkBanditEvaluation.evaluate(shuffled, ESTIMATORS, 100, 9,
                    Double.POSITIVE_INFINITY).results(0.95);
            for (int i = 0; i < expected.size(); i++) {
                Estimate e = expected.get(i);
                Estimate a = actual.get(i);
                String what = e.estimator() + " on " + partitions + " partitions";
                close(e.value(), a.value(), what);
                close(e.normal(), a.normal(), what);
                close(e.bootstrap(), a.bootstrap(), what);
                close(e.effectiveSampleSize(), a.effectiveSampleSize(), what);
                assertEquals(e.n(), a.n());
                assertEquals(e.maxWeight(), a.maxWeight(), what);
            }
        }
    }

    static void close(Interval e, Interval a, String what) {
        close(e.lower(), a.lower(), what);
        close(e.upper(), a.upper(), what);
    }

    static void close(double e, double a, String what) {
        assertEquals(e, a, 1e-9 * Math.max(1, Math.abs(e)), what);
    }
}
