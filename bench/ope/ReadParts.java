import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.TableReader;
import java.lang.management.ManagementFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import static org.apache.spark.sql.functions.*;

/**
 * bench/ope/ReadParts: the parts of {@code evaluate bandit}'s read of an interactions table, timed separately on
 * local[2], twice (the second run with the JIT warm): Parquet decoding with and without the candidates, decoding with
 * each row's check, and the same filling Spark's in-memory cache, then reading the cache. Usage, after
 * {@code bench/ope/evaluate.sh} has made its data: {@code java -cp "$CP" bench/ope/ReadParts.java
 * bench/out/ope-evaluate/data-1000000/interactions}. Prints one line per part, the cache fill's share last.
 */
public class ReadParts {
    static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }
    static double time(String what, Runnable r) {
        double c0 = cpu();
        long t0 = System.nanoTime();
        r.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-44s %6.1f s wall %6.1f s CPU%n", what, wall, cpu() - c0);
        return wall;
    }
    static void noop(Dataset<Row> d) { d.write().format("noop").mode("overwrite").save(); }
    public static void main(String[] a) {
        SparkSession spark = LocalSpark.getOrCreate("read-parts");
        String path = a[0];
        noop(spark.read().parquet(path).limit(1000));
        double checked = 0;
        double filled = 0;
        for (int run = 0; run < 2; run++) {
            time("parquet decode, all columns", () -> noop(spark.read().parquet(path)));
            time("parquet decode, no candidate ids", () -> noop(spark.read().parquet(path).drop("actions")
                    .withColumn("f", col("context"))));
            checked = time("decode + each-row check", () -> noop(TableReader.eachRowChecked(spark, Tables.INTERACTIONS,
                    TableFormat.PARQUET, path)));
            Dataset<Row> cached = TableReader.eachRowChecked(spark, Tables.INTERACTIONS, TableFormat.PARQUET, path)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            filled = time("decode + check + cache fill (count)", () -> cached.count());
            time("cache read, all columns", () -> noop(cached));
            time("cache: length histogram", () -> cached.select(explode(transform(col("actions"),
                    c -> size(c.getField("features")))).as("l")).groupBy("l").count().collectAsList());
            cached.unpersist(true);
        }
        System.out.printf("cache fill beyond decode + check, warm run: %.1f s wall%n", filled - checked);
        spark.stop();
    }
}
