package io.rewind.formats.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.rewind.formats.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A table read and checked: every input row, either usable ({@code reason} null) or quarantined with its reason,
 * source file and line. Persisted unless read with {@link TableReader#readOnce}, so counting and splitting it reads
 * the input once.
 */
public final class ReadResult {
    private final TableSchema schema;
    private final Dataset<Row> staged;
    private final Dataset<Row> cached;
    private long[] counts;

    ReadResult(TableSchema schema, Dataset<Row> staged, Dataset<Row> cached) {
        this.schema = schema;
        this.staged = staged;
        this.cached = cached;
    }

    /** Frees the cached input rows, if the read cached them. */
    public void unpersist() {
        if (cached != null) {
            cached.unpersist();
        }
    }

    public TableSchema schema() {
        return schema;
    }

    /** Usable rows: the table's columns, then {@code source_file} and {@code source_line}. */
    public Dataset<Row> validWithSource() {
        List<Column> cols = tableColumns(schema);
        cols.add(col("source_file"));
        cols.add(col("source_line"));
        return staged.filter(col("reason").isNull()).select(cols.toArray(new Column[0]));
    }

    /** Every row with the table's columns and {@code reason}, null where the row is usable. */
    public Dataset<Row> checked() {
        List<Column> cols = tableColumns(schema);
        cols.add(col("reason"));
        return staged.select(cols.toArray(new Column[0]));
    }

    /** Usable rows with exactly the table's columns. */
    public Dataset<Row> valid() {
        return staged.filter(col("reason").isNull()).select(tableColumns(schema).toArray(new Column[0]));
    }

    /** Rows that break a rule, with {@code reason}, {@code source_file}, {@code source_line} and {@code raw}. */
    public Dataset<Row> quarantined() {
        return staged.filter(col("reason").isNotNull());
    }

    /** The files the rows came from, as {@code source_file} names them. */
    public List<String> sourceFiles() {
        List<String> files = new ArrayList<>();
        for (Row r : staged.select("source_file").distinct().collectAsList()) {
            if (!r.isNullAt(0)) {
                files.add(r.getString(0));
            }
        }
        files.sort(null);
        return files;
    }

    public long total() {
        return counts()[0];
    }

    public long validCount() {
        return counts()[0] - counts()[1];
    }

    public long quarantinedCount() {
        return counts()[1];
    }

    private long[] counts() {
        if (counts == null) {
            Row r = staged.agg(count(lit(1)), sum(when(col("reason").isNotNull(), 1).otherwise(0))).first();
            counts = new long[] {r.getLong(0), r.isNullAt(1) ? 0 : r.getLong(1)};
        }
        return counts;
    }

    public static List<Column> tableColumns(TableSchema schema) {
        List<Column> cols = new ArrayList<>();
        for (String name : schema.fieldNames()) {
            cols.add(col(name));
        }
        return cols;
    }
}
