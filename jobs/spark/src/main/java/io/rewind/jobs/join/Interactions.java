package io.rewind.jobs.join;

import io.rewind.formats.TableFormat;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.mapping.MappedTables;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The interactions a job reads: a joined table, or a mapped log joined in memory as {@code join --mapping} joins it,
 * with nothing written. Either way the usable rows and the rows that could not be used (for a mapped log, its
 * decisions, in the decisions table's columns), so the counts add up the same.
 */
public final class Interactions {
    private final Dataset<Row> valid;
    private final Dataset<Row> quarantined;
    private final long quarantinedCount;
    private final TableSchema quarantineSchema;
    private final Runnable release;

    private Interactions(Dataset<Row> valid, Dataset<Row> quarantined, long quarantinedCount,
                         TableSchema quarantineSchema, Runnable release) {
        this.valid = valid;
        this.quarantined = quarantined;
        this.quarantinedCount = quarantinedCount;
        this.quarantineSchema = quarantineSchema;
        this.release = release;
    }

    /** {@code mapped} when it is not null, else the interactions table at {@code paths}. */
    public static Interactions read(SparkSession spark, List<String> paths, TableFormat format, MappedLog mapped) {
        if (mapped == null) {
            ReadResult r = TableReader.read(spark, Tables.INTERACTIONS, format, paths.toArray(new String[0]));
            return new Interactions(r.valid(), r.quarantined(), r.quarantinedCount(), Tables.INTERACTIONS,
                    r::unpersist);
        }
        MappedTables.Log log = MappedTables.readLog(spark, mapped.mapping(), TableReader.Rules.EACH_ROW);
        Joiner.Result joined = Joiner.join(log.decisions().read(), log.rewards(), mapped.rules());
        Dataset<Row> valid = joined.interactions().select(ReadResult.tableColumns(Tables.INTERACTIONS)
                .toArray(new Column[0])).persist(StorageLevel.MEMORY_AND_DISK());
        return new Interactions(valid, joined.decisionQuarantine(), joined.decisionQuarantine().count(),
                Tables.DECISIONS, () -> {
                    valid.unpersist();
                    joined.release();
                    log.release();
                });
    }

    public Dataset<Row> valid() {
        return valid;
    }

    public long validCount() {
        return valid.count();
    }

    public Dataset<Row> quarantined() {
        return quarantined;
    }

    public long quarantinedCount() {
        return quarantinedCount;
    }

    /** The columns of {@link #quarantined}: the interactions table's, or a mapped log's decisions'. */
    public TableSchema quarantineSchema() {
        return quarantineSchema;
    }

    /** Frees what reading cached. */
    public void release() {
        release.run();
    }
}
