package io.rewind.jobs.join;

import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.TableReader;
import io.rewind.formats.spark.TableWriter;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import org.apache.spark.sql.SparkSession;

/**
 * {@code rewind join}: reads decisions and rewards, joins them, writes the interactions partitioned by date (only
 * the dates present are replaced, so a re-run never duplicates), the quarantine and a JSON summary.
 */
public final class JoinJob {
    private JoinJob() {
    }

    public static JobSummary run(SparkSession spark, JoinConfig c) {
        ReadResult decisions = TableReader.read(spark, Tables.DECISIONS, c.decisionsFormat(),
                c.decisions().toArray(new String[0]));
        ReadResult rewards = TableReader.read(spark, Tables.REWARDS, c.rewardsFormat(),
                c.rewards().toArray(new String[0]));
        Joiner.Result result = Joiner.join(decisions, rewards, c.rules());
        JobSummary summary = result.summary()
                .put("output", c.output())
                .put("quarantine", c.quarantine())
                .put("window_seconds", c.rules().window().toMillis() / 1000.0)
                .put("aggregation", c.rules().aggregation().name().toLowerCase())
                .put("train_ratio", c.rules().trainRatio());
        TableFormat qf = c.outputFormat();
        TableWriter.writeQuarantine(result.decisionQuarantine(), Tables.DECISIONS, qf, c.quarantine() + "/decisions");
        TableWriter.writeQuarantine(result.rewardQuarantine(), Tables.REWARDS, qf, c.quarantine() + "/rewards");
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
        summary.put("status", "SUCCEEDED");
        summary.write(c.summary(), spark.sparkContext().hadoopConfiguration());
        decisions.staged().unpersist();
        rewards.staged().unpersist();
        return summary;
    }
}
