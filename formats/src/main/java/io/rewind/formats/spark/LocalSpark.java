package io.rewind.formats.spark;

import io.rewind.formats.spark.fs.NioLocalFileSystem;
import io.rewind.formats.spark.fs.NioLocalFs;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession every Rewind job uses: Delta enabled, UTC. {@code local[*]} only when no master is set, so
 * {@code spark-submit --master} or {@code -Dspark.master} wins; on a local master, shuffles default to two
 * partitions per core unless {@code spark.sql.shuffle.partitions} is given, and so does the rebuilding of a Delta
 * table's state unless {@code spark.databricks.delta.snapshotPartitions} is given. Local files go through
 * {@link NioLocalFileSystem} and {@link NioLocalFs} (both of Hadoop's file APIs) unless either is given.
 */
public final class LocalSpark {
    private static final Map<String, String> LOCAL_FILES = Map.of(
            "spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName(),
            "spark.hadoop.fs.AbstractFileSystem.file.impl", NioLocalFs.class.getName());

    private LocalSpark() {
    }

    public static SparkSession.Builder builder(String appName) {
        SparkSession.Builder b = SparkSession.builder()
                .appName(appName)
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.session.timeZone", "UTC");
        SparkConf given = new SparkConf();
        if (!given.contains("spark.master")) {
            b.master("local[*]");
        }
        boolean local = given.get("spark.master", "local[*]").startsWith("local");
        String perCore = String.valueOf(2 * Runtime.getRuntime().availableProcessors());
        if (local && !given.contains("spark.sql.shuffle.partitions")) {
            // Spark's 200 suits a cluster; on one machine it makes 200 tasks per shuffle and 200 tiny files per
            // partition written (a 3,000-row join took 77 s with it, 31 s with 4)
            b.config("spark.sql.shuffle.partitions", perCore);
        }
        if (local && !given.contains("spark.databricks.delta.snapshotPartitions")) {
            // likewise Delta's 50 partitions for rebuilding a table's state, on every read and commit
            b.config("spark.databricks.delta.snapshotPartitions", perCore);
        }
        for (var setting : LOCAL_FILES.entrySet()) {
            if (!given.contains(setting.getKey())) {
                b.config(setting.getKey(), setting.getValue());
            }
        }
        return b;
    }

    /** The session of a command: progress lines on stderr while it runs ({@link ConsoleProgress}). */
    public static SparkSession getOrCreate(String appName) {
        SparkSession spark = builder(appName).getOrCreate();
        ConsoleProgress.attach(spark.sparkContext());
        return spark;
    }

    /**
     * One small, fast session per test JVM: two local threads, no UI, few shuffle and snapshot partitions (the test
     * JVMs' system properties may give fewer, and then the commands the tests run keep them too).
     */
    public static synchronized SparkSession forTests() {
        SparkConf given = new SparkConf();
        return builder("rewind-tests")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", given.get("spark.sql.shuffle.partitions", "4"))
                .config("spark.default.parallelism", given.get("spark.default.parallelism", "4"))
                .config("spark.databricks.delta.snapshotPartitions",
                        given.get("spark.databricks.delta.snapshotPartitions", "2"))
                .config("spark.sql.adaptive.enabled", "false")
                // a test JVM runs hundreds of small plans, many alike: keep every compiled one (Spark keeps 100)
                .config("spark.sql.codegen.cache.maxEntries", "5000")
                .getOrCreate();
    }
}
