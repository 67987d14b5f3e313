package io.rewind.formats.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession every Rewind job uses: Delta enabled, UTC. {@code local[*]} only when no master is set, so
 * {@code spark-submit --master} or {@code -Dspark.master} wins.
 */
public final class LocalSpark {
    private LocalSpark() {
    }

    public static SparkSession.Builder builder(String appName) {
        SparkSession.Builder b = SparkSession.builder()
                .appName(appName)
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.session.timeZone", "UTC");
        if (!new SparkConf().contains("spark.master")) {
            b.master("local[*]");
        }
        return b;
    }

    public static SparkSession getOrCreate(String appName) {
        return builder(appName).getOrCreate();
    }

    /** One small, fast session per test JVM (settings from ../shared/STACK.md). */
    public static synchronized SparkSession forTests() {
        return builder("rewind-tests")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "4")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.adaptive.enabled", "false")
                .getOrCreate();
    }
}
