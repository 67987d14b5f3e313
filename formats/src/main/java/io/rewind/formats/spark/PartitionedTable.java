package io.rewind.formats.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.rewind.formats.TableFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * Writes a run's rows into a partitioned table without losing what other runs wrote there: only the partitions the
 * run touches are rewritten, and in them only the rows the run owns ({@link Ownership}) are replaced. Delta commits
 * the change as one transaction ({@code replaceWhere}); Parquet partitions are staged and swapped in, one partition
 * at a time ({@link StagedParquet}).
 */
public final class PartitionedTable {
    private PartitionedTable() {
    }

    /** Which existing rows of the touched partitions a run replaces. */
    public sealed interface Ownership {
        /** The existing rows of the touched partitions that stay beside the run's {@code rows}. */
        Dataset<Row> kept(Dataset<Row> inTouched, Dataset<Row> rows);

        /** Rows whose key equals a key of the run's rows (the run's new version of the same event). */
        record ByKey(String column) implements Ownership {
            public Dataset<Row> kept(Dataset<Row> inTouched, Dataset<Row> rows) {
                return inTouched.join(rows.select(column), column, "left_anti");
            }
        }

        /** Rows that came from one of the run's input files (a re-run of the same input replaces its own rows). */
        record BySource(String column, List<String> sources) implements Ownership {
            public BySource {
                sources = List.copyOf(sources);
            }

            public Dataset<Row> kept(Dataset<Row> inTouched, Dataset<Row> rows) {
                return inTouched.filter(col(column).isNull().or(not(col(column).isin(sources.toArray()))));
            }
        }

        /** Every row of the partitions the run's rows fall in. */
        record WholePartitions() implements Ownership {
            public Dataset<Row> kept(Dataset<Row> inTouched, Dataset<Row> rows) {
                return inTouched.limit(0);
            }
        }
    }

    /**
     * Writes {@code rows} (partition column included) into the table at {@code path}; see the class comment. A
     * concurrent writer or a full disk ends in an {@link OutputFailedException} that says so in one line.
     */
    public static void write(Dataset<Row> rows, TableFormat format, String path, String partition, Ownership owned) {
        SparkSession spark = rows.sparkSession();
        switch (format) {
            // Parquet has no transaction log to refuse a second writer: a lock does (Delta's commit does it for Delta)
            case PARQUET -> StagedParquet.locked(spark, path, staging -> merge(rows, format, path, partition, owned,
                    staging));
            case DELTA -> {
                boolean fresh = OutputPaths.kind(spark, path) == OutputPaths.Kind.MISSING;
                try {
                    merge(rows, format, path, partition, owned, null);
                } catch (Exception e) { // Spark's SparkException is a checked exception that Scala throws unchecked
                    if (fresh && !OutputPaths.committed(spark, path)) {
                        // a table this run began and nobody committed to: Delta leaves the files it wrote
                        RunningTasks.awaitNone(spark);
                        HadoopFiles.delete(spark, path);
                    }
                    OutputFailedException explained = OutputFailedException.explain(path, e);
                    throw explained != null ? explained : OutputFailedException.rethrow(e);
                }
            }
            default -> throw new IllegalArgumentException(format.cliName() + " tables are not partitioned; use delta"
                    + " or parquet for " + path);
        }
    }

    /** Parquet's {@code staging} is a fresh folder for the merged partitions; Delta needs none. */
    private static void merge(Dataset<Row> rows, TableFormat format, String path, String partition,
                              Ownership owned, Path staging) {
        SparkSession spark = rows.sparkSession();
        boolean exists = OutputPaths.requireWritableTable(spark, path, format);
        if (format == TableFormat.DELTA) {
            OutputPaths.beginDelta(spark, path);
        }
        TreeSet<String> touched = values(rows, partition);
        Dataset<Row> result = rows;
        if (exists) {
            requirePartitioned(spark, format, path, partition);
            Dataset<Row> existing = read(spark, format, path, rows);
            if (owned instanceof Ownership.BySource s && !s.sources().isEmpty()) {
                touched.addAll(values(existing.filter(col(s.column()).isin(s.sources().toArray())), partition));
            }
            Dataset<Row> inTouched = existing.filter(col(partition).isin(touched.toArray()));
            result = owned.kept(inTouched, rows).unionByName(rows);
        }
        if (touched.isEmpty()) {
            return;
        }
        if (format == TableFormat.DELTA) {
            result.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", inList(partition, touched))
                    .save(path);
        } else {
            // a first write goes through staging too, so a killed run never leaves half a partition in place
            result.write().mode(SaveMode.ErrorIfExists).partitionBy(partition).parquet(staging.toString());
            List<String> names = new ArrayList<>();
            for (String v : touched) {
                names.add(partition + "=" + ExternalCatalogUtils.escapePathName(v));
            }
            StagedParquet.swapIn(spark, new Path(path), staging, names);
        }
    }

    /** A table written without the partition column (by an earlier Rewind, say) cannot take a merge. */
    private static void requirePartitioned(SparkSession spark, TableFormat format, String path, String partition) {
        boolean partitioned;
        if (format == TableFormat.DELTA) {
            partitioned = List.of(spark.read().format("delta").load(path).columns()).contains(partition);
        } else {
            Path root = new Path(path);
            try {
                partitioned = java.util.Arrays.stream(OutputPaths.fs(spark, root).listStatus(root))
                        .noneMatch(s -> s.isFile() && !hidden(s.getPath()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + path, e);
            }
        }
        if (!partitioned) {
            throw new IllegalArgumentException(path + " is a table without " + partition + " partitions (written by"
                    + " an earlier Rewind?); move it away and the next run writes it anew, partitioned");
        }
    }

    private static Dataset<Row> read(SparkSession spark, TableFormat format, String path, Dataset<Row> like) {
        if (format == TableFormat.DELTA) {
            return spark.read().format("delta").load(path);
        }
        // the run's own schema, so a date partition stays a string (no partition type inference)
        return spark.read().schema(like.schema()).parquet(path);
    }

    private static TreeSet<String> values(Dataset<Row> rows, String column) {
        TreeSet<String> out = new TreeSet<>();
        for (Row r : rows.select(col(column).cast("string")).distinct().collectAsList()) {
            if (!r.isNullAt(0)) {
                out.add(r.getString(0));
            }
        }
        return out;
    }

    private static String inList(String column, TreeSet<String> values) {
        List<String> quoted = new ArrayList<>();
        for (String v : values) {
            quoted.add("'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'");
        }
        return "`" + column + "` IN (" + String.join(", ", quoted) + ")";
    }

    static boolean hidden(Path p) {
        String n = p.getName();
        return n.startsWith("_") || n.startsWith(".");
    }
}
