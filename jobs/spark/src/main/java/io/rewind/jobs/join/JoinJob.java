package io.rewind.jobs.join;

import io.rewind.formats.TableFormat;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.TableReader;
import io.rewind.formats.spark.TableWriter;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code rewind join}: reads decisions and rewards, joins them, writes the interactions partitioned by date (only
 * the dates present are replaced, so a re-run never duplicates), the quarantine and a JSON summary.
 */
public final class JoinJob {
    private JoinJob() {
    }

    public static JobSummary run(SparkSession spark, JoinConfig c) {
        long t0 = System.nanoTime();
        ReadResult decisions = TableReader.read(spark, Tables.DECISIONS, c.decisionsFormat(),
                c.decisions().toArray(new String[0]));
        ReadResult rewards = TableReader.read(spark, Tables.REWARDS, c.rewardsFormat(),
                c.rewards().toArray(new String[0]));
        decisions.total();
        rewards.total();
        long t1 = System.nanoTime();
        Joiner.Result result = Joiner.join(decisions, rewards, c.rules());
        long t2 = System.nanoTime();
        JobSummary summary = result.summary()
                .put("output", c.output())
                .put("quarantine", c.quarantine())
                .put("window_seconds", c.rules().window().toMillis() / 1000.0)
                .put("aggregation", c.rules().aggregation().name().toLowerCase())
                .put("train_ratio", c.rules().trainRatio());
        TableFormat qf = c.outputFormat();
        long badDecisions = summary.count("invalid_decisions") + summary.count("duplicate_decisions");
        long badRewards = summary.count("invalid_rewards") + summary.count("late") + summary.count("orphaned");
        writeQuarantine(spark, result.decisionQuarantine(), badDecisions, Tables.DECISIONS, qf,
                c.quarantine() + "/decisions");
        writeQuarantine(spark, result.rewardQuarantine(), badRewards, Tables.REWARDS, qf, c.quarantine() + "/rewards");
        long t3 = System.nanoTime();
        long rowsIn = summary.count("decisions") + summary.count("rewards");
        try {
            BadFractionExceededException.check("join", summary.count("quarantined"), rowsIn, c.maxBadFraction(),
                    c.quarantine(), summary);
        } catch (BadFractionExceededException e) {
            summary.put("status", "FAILED").put("error", e.getMessage());
            summary.write(c.summary(), spark.sparkContext().hadoopConfiguration());
            throw e;
        }
        TableWriter.write(result.interactions(), Tables.INTERACTIONS, c.outputFormat(), c.output(), "date");
        long t4 = System.nanoTime();
        summary.put("status", "SUCCEEDED")
                .put("seconds_read_and_check", seconds(t0, t1))
                .put("seconds_join_and_count", seconds(t1, t2))
                .put("seconds_write_quarantine", seconds(t2, t3))
                .put("seconds_write_output", seconds(t3, t4));
        summary.write(c.summary(), spark.sparkContext().hadoopConfiguration());
        result.release();
        decisions.unpersist();
        rewards.unpersist();
        return summary;
    }

    /** An empty quarantine replaces an old one by removing it, which is much cheaper than writing an empty table. */
    private static void writeQuarantine(SparkSession spark, Dataset<Row> rows, long count, TableSchema table,
                                        TableFormat format, String path) {
        if (count > 0) {
            TableWriter.writeQuarantine(rows, table, format, path);
            return;
        }
        Path p = new Path(path);
        try {
            p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear old quarantine " + path, e);
        }
    }

    private static double seconds(long from, long to) {
        return Math.round((to - from) / 1e8) / 10.0;
    }
}
