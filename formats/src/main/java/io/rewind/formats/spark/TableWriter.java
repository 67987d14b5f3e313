package io.rewind.formats.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.rewind.formats.CsvCodec;
import io.rewind.formats.JsonCodec;
import io.rewind.formats.SeedEpisodeCsv;
import io.rewind.formats.TableFormat;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Tables;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Writes a Rewind table in any format. Text formats are written by Rewind's own codecs (so they read back exactly);
 * Parquet and Delta by Spark. Writes replace the whole table, so re-running a job never duplicates rows; a Parquet
 * table is replaced only once the new one is complete ({@link StagedParquet}).
 */
public final class TableWriter {
    private TableWriter() {
    }

    public static void write(Dataset<Row> df, TableSchema schema, TableFormat format, String path) {
        Dataset<Row> rows = df.select(ReadResult.tableColumns(schema).toArray(new Column[0]));
        switch (format) {
            case PARQUET:
                StagedParquet.replace(rows, path, w -> w);
                return;
            case DELTA:
                OutputPaths.beginDelta(df.sparkSession(), path);
                rows.write().mode(SaveMode.Overwrite).format("delta").save(path);
                return;
            case JSONL:
            case CSV:
                writeLines(rows, schema, format, path);
                return;
            case SEED_CSV:
                writeSeedCsv(rows, schema, path);
                return;
            default:
                throw new IllegalStateException(format.name());
        }
    }

    /** Writes rows of the quarantine schema of {@code table}. */
    public static void writeQuarantine(Dataset<Row> quarantined, TableSchema table, TableFormat format, String path) {
        TableFormat f = format == TableFormat.SEED_CSV ? TableFormat.CSV : format;
        write(quarantined, Tables.quarantineOf(table), f, path);
    }

    /** The partition of a quarantined row: the date of its own timestamp, or {@code unknown} without one. */
    public static final String UNKNOWN_DATE = "unknown";

    /**
     * Adds quarantined rows to a date-partitioned quarantine table, replacing only the rows that came from
     * {@code sources} (the files this run read), so every earlier run's rows stay and a re-run replaces its own.
     */
    public static void mergeQuarantine(Dataset<Row> quarantined, TableSchema table, TableFormat format, String path,
                                       List<String> sources) {
        List<Column> cols = new ArrayList<>(ReadResult.tableColumns(Tables.quarantineOf(table)));
        cols.add(coalesce(date_format(col("timestamp"), "yyyy-MM-dd"), lit(UNKNOWN_DATE)).as("date"));
        PartitionedTable.write(quarantined.select(cols.toArray(new Column[0])), format, path, "date",
                new PartitionedTable.Ownership.BySource("source_file", sources));
    }

    private static void writeLines(Dataset<Row> rows, TableSchema schema, TableFormat format, String path) {
        boolean csv = format == TableFormat.CSV;
        JavaRDD<String> lines = rows.javaRDD().mapPartitions(it -> new Iterator<String>() {
            boolean header = csv && it.hasNext();

            public boolean hasNext() {
                return header || it.hasNext();
            }

            public String next() {
                if (header) {
                    header = false;
                    return CsvCodec.header(schema);
                }
                Object[] values = SparkRows.fromRow(schema, it.next());
                return csv ? CsvCodec.encodeLine(schema, values) : JsonCodec.encodeLine(schema, values);
            }
        });
        writeText(rows.sparkSession(), lines, format, path);
    }

    /**
     * Writes lines as text files (one per partition, in order), replacing the path; the part files are named for
     * what they hold ({@code part-00000-....jsonl}, {@code .csv}), not Spark's {@code .txt}.
     */
    public static void writeText(SparkSession spark, JavaRDD<String> lines, TableFormat format, String path) {
        spark.createDataset(lines.rdd(), Encoders.STRING()).write().mode(SaveMode.Overwrite).text(path);
        HadoopFiles.renameParts(spark, path, format.extension());
    }

    /** One file, episodes in order, as the batch-RL seed lays them out. */
    private static void writeSeedCsv(Dataset<Row> rows, TableSchema schema, String path) {
        if (!schema.equals(Tables.EPISODES)) {
            throw new IllegalArgumentException("seed-csv holds episodes only, not " + schema.name());
        }
        Row first = rows.select("state").first();
        int dim = first == null ? 0 : first.getList(0).size();
        List<Column> cols = new ArrayList<>(ReadResult.tableColumns(schema));
        cols.add(sum("reward").over(Window.partitionBy("episode_id")).as("episode_return"));
        Dataset<Row> ordered = rows.select(cols.toArray(new Column[0]))
                .orderBy(col("episode_id"), col("step")).coalesce(1);
        int n = schema.size();
        JavaRDD<String> lines = ordered.javaRDD().mapPartitions(it -> new Iterator<String>() {
            boolean header = true;

            public boolean hasNext() {
                return header || it.hasNext();
            }

            public String next() {
                if (header) {
                    header = false;
                    return SeedEpisodeCsv.header(dim);
                }
                Row r = it.next();
                return SeedEpisodeCsv.encodeLine(SparkRows.fromRow(schema, r), r.getDouble(n));
            }
        });
        writeText(rows.sparkSession(), lines, TableFormat.SEED_CSV, path);
    }
}
