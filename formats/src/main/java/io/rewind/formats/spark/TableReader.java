package io.rewind.formats.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.rewind.formats.TableFormat;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads a Rewind table in any format and checks every row against the table's rules. Text files are read one file
 * per task, so each row keeps its file and line; Parquet and Delta rows keep their file and row index.
 */
public final class TableReader {
    private TableReader() {
    }

    /** Which of a table's rules a read applies. */
    public enum Rules {
        /** Each row's rules and the rules across rows: one length per vector field, each episode step once. */
        ALL,
        /**
         * Only the rules a row can be judged by alone, as a stream judges it: the join, batch and streaming alike,
         * so both give the same answer; the jobs that read its output apply the rest.
         */
        EACH_ROW
    }

    public static ReadResult read(SparkSession spark, TableSchema schema, TableFormat format, String... paths) {
        return read(spark, schema, format, Rules.ALL, paths);
    }

    public static ReadResult read(SparkSession spark, TableSchema schema, TableFormat format, Rules rules,
                                  String... paths) {
        return checked(schema, eachRowChecked(spark, schema, format, paths), rules);
    }

    /**
     * Every rule applied and nothing cached, for a job that consumes the rows in one pass and counts the bad ones in
     * it: the rules across rows cost one pass of their own (the vector lengths' counts), and each use of the result
     * decodes and checks the input again, which costs less than caching every row (bench/ope/ReadParts).
     */
    public static ReadResult readOnce(SparkSession spark, TableSchema schema, TableFormat format, String... paths) {
        return new ReadResult(schema, acrossRows(schema, eachRowChecked(spark, schema, format, paths)), null);
    }

    /**
     * As {@link #readOnce}, without the rule of one length per vector field and so without its pass: for a job that
     * counts {@link VectorLengthRange#aggregates} in a pass it makes anyway and, where a field's lengths differ (then
     * the rule rejects some rows), reads the table again with {@link #readOnce}.
     */
    public static ReadResult readDeferringLengths(SparkSession spark, TableSchema schema, TableFormat format,
                                                  String... paths) {
        return new ReadResult(schema, AcrossRowRules.uniqueSteps(schema, eachRowChecked(spark, schema, format,
                paths)), null);
    }

    /**
     * Every row with each row's own rules applied ({@code reason} null where it keeps them), as in the quarantine
     * table's columns, and nothing cached: for a read that a single pass consumes.
     */
    public static Dataset<Row> eachRowChecked(SparkSession spark, TableSchema schema, TableFormat format,
                                              String... paths) {
        if (paths.length == 0) {
            throw new IllegalArgumentException("no input path given for " + schema.name());
        }
        requireExisting(spark, schema, paths);
        requireFinished(spark, paths);
        Dataset<Row> staged = format.isText() ? readText(spark, schema, format, paths)
                : readColumnar(spark, schema, format, paths);
        return format == TableFormat.SEED_CSV ? numberSeedSteps(staged) : staged;
    }

    /**
     * Rows another reader brought into the table's shape (a mapping of the user's own table), checked as a read
     * checks them: {@code conformed} has the table's columns in its Spark types, {@code source_file},
     * {@code source_line}, {@code raw}, and {@code reason} saying what went wrong before the table's rules (null where
     * nothing did); the table's rules judge the rest.
     */
    public static ReadResult readConformed(TableSchema schema, Dataset<Row> conformed, Rules rules) {
        return checked(schema, checkEachRow(schema, conformed), rules);
    }

    private static ReadResult checked(TableSchema schema, Dataset<Row> staged, Rules rules) {
        Dataset<Row> cached = staged.persist(StorageLevel.MEMORY_AND_DISK());
        return new ReadResult(schema, rules == Rules.EACH_ROW ? cached : acrossRows(schema, cached), cached);
    }

    private static Dataset<Row> acrossRows(TableSchema schema, Dataset<Row> staged) {
        return AcrossRowRules.uniqueSteps(schema, AcrossRowRules.vectorLengths(schema, staged));
    }

    /** A table a killed (or running) write left unfinished is refused, not read as if it were complete. */
    private static void requireFinished(SparkSession spark, String... paths) {
        for (String p : paths) {
            UnfinishedWrites.describe(spark, p).ifPresent(why -> {
                throw new IllegalArgumentException(why);
            });
        }
    }

    /**
     * The input's own columns as Spark reads them, without the table's rules: for columns a job reads beside the
     * table's (a target policy's probabilities). Several Delta paths are read as one table.
     */
    public static Dataset<Row> raw(SparkSession spark, TableFormat format, String... paths) {
        requireFinished(spark, paths);
        return switch (format) {
            case JSONL -> spark.read().json(paths);
            case PARQUET -> spark.read().parquet(paths);
            case CSV -> spark.read().option("header", true).option("escape", "\"").csv(paths);
            case DELTA -> java.util.Arrays.stream(paths).map(p -> spark.read().format("delta").load(p))
                    .reduce((a, b) -> a.unionByName(b, true)).orElseThrow();
            default -> throw new IllegalArgumentException("columns beside the table's need jsonl, csv, parquet or"
                    + " delta input, not " + format);
        };
    }

    private static void requireExisting(SparkSession spark, TableSchema schema, String[] paths) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        for (String p : paths) {
            try {
                Path path = new Path(p);
                FileStatus[] found = path.getFileSystem(conf).globStatus(path);
                if (found == null || found.length == 0) {
                    throw new IllegalArgumentException(schema.name() + ": no such file or folder: " + p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(schema.name() + ": cannot list " + p, e);
            }
        }
    }

    private static Dataset<Row> readText(SparkSession spark, TableSchema schema, TableFormat format, String[] paths) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.hadoopConfiguration().setBoolean("mapreduce.input.fileinputformat.input.dir.recursive", true);
        int parallelism = jsc.defaultParallelism();
        JavaRDD<Row> rows = jsc.binaryFiles(String.join(",", paths), parallelism)
                .flatMap(file -> new TextFileRows(schema, format, file._1(), file._2()));
        return spark.createDataFrame(rows, SparkSchemas.of(Tables.quarantineOf(schema)));
    }

    private static Dataset<Row> readColumnar(SparkSession spark, TableSchema schema, TableFormat format,
                                             String[] paths) {
        ColumnarInputs.requireReadable(spark, format, paths);
        Dataset<Row> df;
        if (format == TableFormat.DELTA) {
            df = null;
            for (String p : paths) {
                Dataset<Row> one = spark.read().format("delta").load(p);
                df = df == null ? one : df.unionByName(one, true);
            }
        } else {
            df = spark.read().parquet(paths);
        }
        List<Column> cols = new ArrayList<>();
        StructType have = df.schema();
        StructType want = SparkSchemas.of(schema);
        ColumnarInputs.requireColumns(schema, have, paths);
        for (StructField f : want.fields()) {
            if (!List.of(have.fieldNames()).contains(f.name())) {
                cols.add(lit(null).cast(f.dataType()).as(f.name()));
                continue;
            }
            DataType actual = have.apply(f.name()).dataType();
            if (!compatible(actual, f.dataType())) {
                throw new IllegalArgumentException(String.join(",", paths) + ": field " + f.name() + " has type "
                        + actual.simpleString() + ", table " + schema.name() + " needs "
                        + f.dataType().simpleString());
            }
            cols.add(actual.sameType(f.dataType()) ? col(f.name())
                    : col(f.name()).cast(SparkSchemas.nullable(f.dataType())).as(f.name()));
        }
        cols.add(sourceFile(df).as("source_file"));
        cols.add(sourceLine(df).as("source_line"));
        cols.add(lit(null).cast("string").as("raw"));
        cols.add(lit(null).cast("string").as("reason"));
        return checkEachRow(schema, df.select(cols.toArray(new Column[0])));
    }

    /** Each row of {@code conformed} not already judged bad, judged by the table's rules for one row. */
    private static Dataset<Row> checkEachRow(TableSchema schema, Dataset<Row> conformed) {
        List<Column> out = ReadResult.tableColumns(schema);
        out.add(when(col("reason").isNull(), EachRowCheck.reason(schema)).otherwise(col("reason")).as("reason"));
        out.add(col("source_file"));
        out.add(col("source_line"));
        out.add(col("raw"));
        return conformed.select(out.toArray(new Column[0]));
    }

    /** The file each row came from; null for a source with no files (a JDBC table, a view of one). */
    public static Column sourceFile(Dataset<Row> df) {
        return metadataFields(df).contains("file_path") ? col("_metadata.file_path") : lit(null).cast("string");
    }

    /** Each row's 0-based index in its file where the format has one (Parquet); null otherwise (Delta, text). */
    public static Column sourceLine(Dataset<Row> df) {
        return metadataFields(df).contains("row_index") ? col("_metadata.row_index") : lit(null).cast("bigint");
    }

    private static List<String> metadataFields(Dataset<Row> df) {
        try {
            return List.of(((StructType) df.select(col("_metadata")).schema().fields()[0].dataType()).fieldNames());
        } catch (Exception e) { // no _metadata: Spark's AnalysisException, which Java does not see declared
            return List.of();
        }
    }

    private static boolean compatible(DataType actual, DataType wanted) {
        if (actual.sameType(wanted)) {
            return true;
        }
        if (actual instanceof NumericType && wanted instanceof NumericType) {
            return true;
        }
        if (actual instanceof DateType && wanted instanceof StringType) {
            return true; // a date=yyyy-MM-dd partition folder, as Spark's partition discovery reads it
        }
        if (actual instanceof ArrayType a && wanted instanceof ArrayType w) {
            return compatible(a.elementType(), w.elementType());
        }
        if (actual instanceof StructType a && wanted instanceof StructType w) {
            for (StructField f : w.fields()) {
                if (List.of(a.fieldNames()).contains(f.name()) && !compatible(a.apply(f.name()).dataType(),
                        f.dataType())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Seed CSV rows carry no step: number them by file order within each episode. */
    private static Dataset<Row> numberSeedSteps(Dataset<Row> staged) {
        Column step = row_number().over(Window.partitionBy("episode_id").orderBy("source_file", "source_line"))
                .minus(1);
        return staged.withColumn("step", when(col("reason").isNull(), step).otherwise(col("step")));
    }
}
