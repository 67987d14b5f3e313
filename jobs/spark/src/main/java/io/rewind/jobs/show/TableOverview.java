package io.rewind.jobs.show;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.OutputPaths;
import io.rewind.formats.spark.TableReader;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What {@code rewind show} prints about one of Rewind's outputs (or inputs): its kind, Delta version, row count,
 * schema, first rows, and, for a quarantine, the rows by reason.
 *
 * @param deltaVersion the table's current version, or -1 when it is not a Delta table
 * @param head         the first rows, one JSON object per line
 * @param byReason     (reason, rows) most frequent first, for tables with a {@code reason} column; empty otherwise
 */
public record TableOverview(String path, OutputPaths.Kind kind, long deltaVersion, long rows, String schema,
                            String head, List<ReasonCount> byReason) {
    public record ReasonCount(String reason, long rows) {
    }

    /**
     * The table at {@code path}, or, for a folder of tables (a join's quarantine holds {@code decisions/} and
     * {@code rewards/}), each of them.
     */
    public static List<TableOverview> allAt(SparkSession spark, String path, int headRows) {
        if (OutputPaths.kind(spark, path) != OutputPaths.Kind.OTHER) {
            return List.of(of(spark, path, headRows));
        }
        List<TableOverview> tables = new java.util.ArrayList<>();
        for (String child : OutputPaths.children(spark, path)) {
            OutputPaths.Kind k = OutputPaths.kind(spark, child);
            if (k == OutputPaths.Kind.DELTA || k == OutputPaths.Kind.PARQUET || k == OutputPaths.Kind.TEXT) {
                tables.add(of(spark, child, headRows));
            }
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException(path + " holds no table Rewind reads (Delta, Parquet or JSON lines)");
        }
        return tables;
    }

    public static TableOverview of(SparkSession spark, String path, int headRows) {
        OutputPaths.Kind kind = OutputPaths.kind(spark, path);
        Dataset<Row> table = TableReader.raw(spark, switch (kind) {
            case DELTA -> TableFormat.DELTA;
            case PARQUET -> TableFormat.PARQUET;
            case TEXT, FILE -> TableFormat.JSONL;
            case MISSING -> throw new IllegalArgumentException(path + ": no such file or folder");
            default -> throw new IllegalArgumentException(path + " holds no table Rewind reads (Delta, Parquet or"
                    + " JSON lines)");
        }, path);
        long version = kind == OutputPaths.Kind.DELTA
                ? DeltaTable.forPath(spark, path).history(1).first().getLong(0) : -1;
        List<ReasonCount> reasons = List.of(table.columns()).contains("reason")
                ? table.groupBy("reason").count().orderBy(col("count").desc(), col("reason")).collectAsList()
                        .stream().map(r -> new ReasonCount(r.getString(0), r.getLong(1))).toList()
                : List.of();
        return new TableOverview(path, kind, version, table.count(), table.schema().treeString(),
                String.join("\n", table.limit(headRows).toJSON().collectAsList()), reasons);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder(path).append('\n');
        sb.append(String.format("  %-9s %s%n", "kind", kind.name().toLowerCase(java.util.Locale.ROOT)
                + (deltaVersion >= 0 ? ", version " + deltaVersion : "")));
        sb.append(String.format("  %-9s %,d%n", "rows", rows));
        if (!byReason.isEmpty()) {
            sb.append("  by reason\n");
            byReason.forEach(r -> sb.append(String.format("    %,10d  %s%n", r.rows(), r.reason())));
        }
        sb.append(schema.replace("root\n", "schema\n"));
        sb.append("first rows\n").append(head).append(head.isEmpty() ? "" : "\n");
        return sb.toString();
    }
}
