package io.rewind.jobs.join;

import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.HadoopFiles;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.OutputPaths;
import io.rewind.formats.spark.PartitionedTable;
import io.rewind.formats.spark.TableReader;
import io.rewind.formats.spark.TableWriter;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.mapping.MappedTables;
import io.rewind.jobs.mapping.Mapping;
import org.apache.spark.sql.SparkSession;

/**
 * {@code rewind join}: reads decisions and rewards, joins them, and merges the interactions by {@code event_id} into
 * the dates they fall in (a re-run of the same input changes nothing; other rows of those dates stay); the
 * quarantine keeps every run's rows, partitioned by date, and a re-run replaces only the rows of the files it read.
 */
public final class JoinJob {
    private JoinJob() {
    }

    public static JobSummary run(SparkSession spark, JoinConfig c) {
        long t0 = System.nanoTime();
        requireWritable(spark, c);
        // each row's rules only, as the Flink collector applies them: the two engines give the same answer
        ReadResult decisions = TableReader.read(spark, Tables.DECISIONS.withTimestampUnit(c.timestampUnit()),
                c.decisionsFormat(), TableReader.Rules.EACH_ROW, c.decisions().toArray(new String[0]));
        ReadResult rewards = TableReader.read(spark, Tables.REWARDS.withTimestampUnit(c.timestampUnit()),
                c.rewardsFormat(), TableReader.Rules.EACH_ROW, c.rewards().toArray(new String[0]));
        return join(spark, c, decisions, rewards, t0);
    }

    /**
     * The join of a user's own table read through {@code mapping} (its decisions and rewards paths unused); the
     * mapping as applied, with the categories it found, is written beside the output.
     */
    public static JobSummary run(SparkSession spark, JoinConfig c, Mapping mapping) {
        long t0 = System.nanoTime();
        requireWritable(spark, c);
        MappedTables.Log log = MappedTables.readLog(spark, mapping, TableReader.Rules.EACH_ROW);
        JobSummary summary = join(spark, c, log.decisions().read(), log.rewards(), t0, log.decisions()::addTo);
        HadoopFiles.writeString(spark, JoinConfig.appliedMapping(c.output()), log.prepared().toYaml());
        return summary;
    }

    private static void requireWritable(SparkSession spark, JoinConfig c) {
        OutputPaths.requireWritableTable(spark, c.output(), c.outputFormat());
        OutputPaths.requireWritableTable(spark, c.quarantine() + "/decisions", c.outputFormat());
        OutputPaths.requireWritableTable(spark, c.quarantine() + "/rewards", c.outputFormat());
    }

    private static JobSummary join(SparkSession spark, JoinConfig c, ReadResult decisions, ReadResult rewards,
                                   long t0) {
        return join(spark, c, decisions, rewards, t0, s -> s);
    }

    private static JobSummary join(SparkSession spark, JoinConfig c, ReadResult decisions, ReadResult rewards,
                                   long t0, java.util.function.UnaryOperator<JobSummary> reading) {
        decisions.total();
        rewards.total();
        long t1 = System.nanoTime();
        Joiner.Result result = Joiner.join(decisions, rewards, c.rules());
        long t2 = System.nanoTime();
        JobSummary summary = reading.apply(result.summary())
                .put("output", c.output())
                .put("quarantine", c.quarantine())
                .put("window_seconds", c.rules().window().toMillis() / 1000.0)
                .put("aggregation", c.rules().aggregation().name().toLowerCase())
                .put("train_ratio", c.rules().trainRatio());
        TableFormat qf = c.outputFormat();
        TableWriter.mergeQuarantine(result.decisionQuarantine(), Tables.DECISIONS, qf, c.quarantine() + "/decisions",
                decisions.sourceFiles());
        TableWriter.mergeQuarantine(result.rewardQuarantine(), Tables.REWARDS, qf, c.quarantine() + "/rewards",
                rewards.sourceFiles());
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
        PartitionedTable.write(result.interactions().select(ReadResult.tableColumns(Tables.INTERACTIONS)
                        .toArray(new org.apache.spark.sql.Column[0])), c.outputFormat(), c.output(), "date",
                c.replaceDates() ? new PartitionedTable.Ownership.WholePartitions()
                        : new PartitionedTable.Ownership.ByKey("event_id"));
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

    private static double seconds(long from, long to) {
        return Math.round((to - from) / 1e8) / 10.0;
    }
}
