import static org.apache.spark.sql.functions.*;

import io.rewind.ope.Estimate;
import io.rewind.ope.Estimator;
import io.rewind.ope.Evaluation;
import io.rewind.ope.bandit.BanditSample;
import io.rewind.ope.bandit.DoublyRobust;
import io.rewind.ope.bandit.Ips;
import io.rewind.ope.bandit.Snips;
import io.rewind.ope.spark.SparkBanditEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * bench/ope: ROWS logged decisions over 10 actions (uniform logging, an epsilon-greedy target, a reward model's
 * q̂ precomputed) in Parquet; IPS, SNIPS and DR with a 95% Poisson-bootstrap interval (200 replicates) as a Spark
 * aggregation on local[2], against one thread looping over the same decoded arrays in memory.
 */
public class OpeBench {
    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        String path = args[1];
        int runs = Integer.parseInt(args[2]);
        SparkSession spark = SparkSession.builder().appName("ope-bench").master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        if (!Files.exists(Path.of(path, "_SUCCESS"))) {
            spark.range(0, rows, 1, 16)
                    .withColumn("u", rand(1)).withColumn("a", floor(rand(2).multiply(10)).cast("int"))
                    .withColumn("best", floor(rand(3).multiply(10)).cast("int"))
                    .withColumn("reward", when(rand(4).lt(when(col("a").equalTo(col("best")), 0.8).otherwise(0.2)), 1.0)
                            .otherwise(0.0))
                    .withColumn("logged_prob", lit(0.1))
                    .withColumn("target_prob", when(col("a").equalTo(col("best")), 0.73).otherwise(0.03))
                    .withColumn("q_hat", when(col("a").equalTo(col("best")), 0.75).otherwise(0.22))
                    .withColumn("dm_value", lit(0.73 * 0.75 + 0.27 * 0.22))
                    .select("id", "reward", "logged_prob", "target_prob", "q_hat", "dm_value")
                    .write().mode("overwrite").parquet(path);
        }
        List<Estimator<BanditSample>> estimators = List.of(new Ips(), new Snips(), new DoublyRobust());
        Dataset<Row> data = spark.read().parquet(path);
        double[] sparkTimes = new double[runs];
        List<Estimate> sparkResult = null;
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            sparkResult = SparkBanditEvaluation.evaluate(data, estimators, 200, 7, Double.POSITIVE_INFINITY)
                    .results(0.95);
            sparkTimes[r] = (System.nanoTime() - t) / 1e9;
            System.out.printf("spark run %d: %.2f s%n", r + 1, sparkTimes[r]);
        }
        int n = (int) rows;
        long[] id = new long[n];
        double[][] cols = new double[5][n];
        Iterator<Row> it = data.orderBy("id").toLocalIterator();
        for (int i = 0; i < n; i++) {
            Row row = it.next();
            id[i] = row.getLong(0);
            for (int c = 0; c < 5; c++) {
                cols[c][i] = row.getDouble(c + 1);
            }
        }
        double[] memTimes = new double[runs];
        List<Estimate> memResult = null;
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            Evaluation<BanditSample> e = new Evaluation<>(estimators, 200, 7, Double.POSITIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                e.add(new BanditSample(id[i], cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i]));
            }
            memResult = e.results(0.95);
            memTimes[r] = (System.nanoTime() - t) / 1e9;
            System.out.printf("in-memory run %d: %.2f s%n", r + 1, memTimes[r]);
        }
        for (int i = 0; i < estimators.size(); i++) {
            Estimate s = sparkResult.get(i);
            Estimate m = memResult.get(i);
            System.out.printf("%s spark %.6f [%.6f, %.6f] | memory %.6f [%.6f, %.6f]%n", s.estimator(), s.value(),
                    s.bootstrap().lower(), s.bootstrap().upper(), m.value(), m.bootstrap().lower(),
                    m.bootstrap().upper());
        }
        double sm = median(sparkTimes);
        double mm = median(memTimes);
        System.out.printf("rows=%d estimators=IPS,SNIPS,DR bootstrap=200 runs=%d%n", rows, runs);
        System.out.printf("median spark local[2] (Parquet read included): %.2f s, %.0f rows/s%n", sm, rows / sm);
        System.out.printf("median in-memory single thread (decoded arrays): %.2f s, %.0f rows/s; spark/memory time"
                + " ratio %.2f%n", mm, rows / mm, sm / mm);
        spark.stop();
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
