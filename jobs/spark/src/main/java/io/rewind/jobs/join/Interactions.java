package io.rewind.jobs.join;

import static org.apache.spark.sql.functions.lit;

import io.rewind.formats.TableFormat;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.mapping.MappedTables;
import java.util.List;
import java.util.function.LongSupplier;
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
    private final Dataset<Row> checked;
    private final Dataset<Row> quarantined;
    private final long quarantinedOutside;
    private final LongSupplier quarantinedCount;
    private final TableSchema quarantineSchema;
    private final Runnable release;

    private Interactions(Dataset<Row> valid, Dataset<Row> checked, Dataset<Row> quarantined, long quarantinedOutside,
                         LongSupplier quarantinedCount, TableSchema quarantineSchema, Runnable release) {
        this.valid = valid;
        this.checked = checked;
        this.quarantined = quarantined;
        this.quarantinedOutside = quarantinedOutside;
        this.quarantinedCount = quarantinedCount;
        this.quarantineSchema = quarantineSchema;
        this.release = release;
    }

    /** {@code mapped} when it is not null, else the interactions table at {@code paths}, cached as it is read. */
    public static Interactions read(SparkSession spark, List<String> paths, TableFormat format, MappedLog mapped) {
        return mapped == null
                ? ofTable(TableReader.read(spark, Tables.INTERACTIONS, format, paths.toArray(new String[0])))
                : readMapped(spark, mapped);
    }

    /**
     * As {@link #read}, for a job that reads {@link #checked} once and counts its bad rows there: a table is not
     * cached, and its quarantined rows are counted only if {@link #quarantinedCount} is asked for.
     */
    public static Interactions readOnce(SparkSession spark, List<String> paths, TableFormat format,
                                        MappedLog mapped) {
        return mapped == null
                ? ofTable(TableReader.readOnce(spark, Tables.INTERACTIONS, format, paths.toArray(new String[0])))
                : readMapped(spark, mapped);
    }

    /**
     * As {@link #readOnce} for a table, without the rule of one length per vector field: the caller counts
     * {@link io.rewind.formats.spark.VectorLengthRange#aggregates} and reads with {@link #readOnce} where they differ.
     */
    public static Interactions readDeferringLengths(SparkSession spark, List<String> paths, TableFormat format) {
        return ofTable(TableReader.readDeferringLengths(spark, Tables.INTERACTIONS, format,
                paths.toArray(new String[0])));
    }

    private static Interactions ofTable(ReadResult r) {
        return new Interactions(r.valid(), r.checked(), r.quarantined(), 0, r::quarantinedCount, Tables.INTERACTIONS,
                r::unpersist);
    }

    private static Interactions readMapped(SparkSession spark, MappedLog mapped) {
        MappedTables.Log log = MappedTables.readLog(spark, mapped.mapping(), TableReader.Rules.EACH_ROW);
        Joiner.Result joined = Joiner.join(log.decisions().read(), log.rewards(), mapped.rules());
        Dataset<Row> valid = joined.interactions().select(ReadResult.tableColumns(Tables.INTERACTIONS)
                .toArray(new Column[0])).persist(StorageLevel.MEMORY_AND_DISK());
        long quarantinedCount = joined.decisionQuarantine().count();
        return new Interactions(valid, valid.withColumn("reason", lit(null).cast("string")),
                joined.decisionQuarantine(), quarantinedCount, () -> quarantinedCount, Tables.DECISIONS, () -> {
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
        return quarantinedCount.getAsLong();
    }

    /**
     * The usable rows and those a rule of the interactions table rejects, with its columns and {@code reason}
     * (null where the row is usable); {@link #quarantinedOutside} more were rejected before they became
     * interactions (a mapped log's decisions).
     */
    public Dataset<Row> checked() {
        return checked;
    }

    /** The quarantined rows that {@link #checked} does not hold. */
    public long quarantinedOutside() {
        return quarantinedOutside;
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
