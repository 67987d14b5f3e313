package io.rewind.jobs.join;

import io.rewind.formats.JoinRules;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.mapping.MappedTableKind;
import io.rewind.jobs.mapping.MappedTables;
import io.rewind.jobs.mapping.Mapping;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The interactions {@code join --mapping} would write, joined in memory for a job that reads a mapped log directly
 * ({@code evaluate bandit --mapping}): the decisions and rewards read through the mapping (their propensities
 * estimated when it says so) and joined by the join's rules, with nothing written.
 */
public final class MappedInteractions {
    private MappedInteractions() {
    }

    /**
     * @param valid       the joined interactions, in the interactions table's columns
     * @param quarantined decisions that could not be used (malformed, duplicate ids)
     */
    public record Read(Dataset<Row> valid, long quarantined, Joiner.Result joined, ReadResult decisions,
                       ReadResult rewards) {
        public void release() {
            joined.release();
            decisions.unpersist();
            rewards.unpersist();
        }
    }

    public static Read read(SparkSession spark, Mapping mapping, JoinRules rules) {
        if (!mapping.tables().contains(MappedTableKind.DECISIONS)) {
            throw new IllegalArgumentException("--mapping: " + mapping.file() + " maps no decisions and rewards");
        }
        Mapping prepared = MappedTables.prepare(spark, mapping);
        MappedTables.Decisions decisions = MappedTables.readDecisions(spark, prepared, TableReader.Rules.EACH_ROW);
        decisions.requireCalibrated();
        ReadResult rewards = MappedTables.read(spark, prepared, MappedTableKind.REWARDS, TableReader.Rules.EACH_ROW);
        Joiner.Result joined = Joiner.join(decisions.read(), rewards, rules);
        return new Read(joined.interactions().select(ReadResult.tableColumns(io.rewind.formats.Tables.INTERACTIONS)
                .toArray(new org.apache.spark.sql.Column[0])), joined.decisionQuarantine().count(), joined,
                decisions.read(), rewards);
    }
}
