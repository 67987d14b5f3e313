import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** The peer for bench/join: a plain Spark SQL left join of the same files, no checks, no quarantine. */
public class PlainJoin {
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("plain-join").master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        long start = System.nanoTime();
        Dataset<Row> d = spark.read().parquet(args[0]);
        Dataset<Row> r = spark.read().parquet(args[1]).groupBy("event_id")
                .agg(min_by(col("reward"), col("timestamp")).as("reward"), min(col("timestamp")).as("reward_timestamp"));
        d.join(r, "event_id", "left")
                .withColumn("reward", coalesce(col("reward"), lit(0.0)))
                .withColumn("date", date_format(col("timestamp"), "yyyy-MM-dd"))
                .write().format("delta").mode(SaveMode.Overwrite).partitionBy("date").save(args[2]);
        System.out.printf("plain_join_seconds %.1f%n", (System.nanoTime() - start) / 1e9);
        spark.stop();
    }
}
