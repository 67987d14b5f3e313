package io.rewind.jobs.transform;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewind.formats.JsonCodec;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.HadoopFiles;
import io.rewind.formats.spark.OutputPaths;
import io.rewind.formats.spark.StagedParquet;
import io.rewind.formats.spark.TextLines;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import io.rewind.rl.bandit.BanditModel;
import io.rewind.rl.batch.RlPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code rewind transform}: scores every row of jsonlines, Parquet or Delta input with a saved policy on Spark, in
 * batches, the model restored once per executor. Rows that cannot be scored go to {@code OUTPUT_quarantine} with
 * their file, line (row index for Parquet and Delta) and reason; the counts add up; above the bad-row threshold the
 * job fails.
 */
public final class TransformJob {
    private TransformJob() {
    }

    public static JobSummary run(SparkSession spark, TransformConfig c) {
        OutputPaths.requireWritableTable(spark, c.output(), c.outputFormat());
        OutputPaths.requireWritableTable(spark, c.quarantine(), TableFormat.JSONL);
        if (c.decisions() != null) {
            OutputPaths.requireNewTable(spark, c.decisions(), TableFormat.PARQUET, "--decisions",
                    c.overwriteDecisions());
        }
        ExecutorModels.Payload payload = ExecutorModels.read(c.model());
        Scorer scorer = scorer(payload, c, decidedAt(spark, c));
        Broadcast<Scorer> shipped = spark.sparkContext().broadcast(scorer,
                scala.reflect.ClassTag$.MODULE$.apply(Scorer.class));
        boolean text = c.inputFormat() == TableFormat.JSONL;
        Dataset<Row> input = text ? null : columnar(spark, c);
        StructType inputFields = c.joinInput() ? (text ? new StructType().add("input", DataTypes.StringType)
                : dropMetadata(input.schema())) : new StructType();
        StructType out = merge(merge(inputFields, new StructType().add("row_id", DataTypes.StringType)),
                scorer.fields());
        int batch = c.batchSize();
        boolean join = c.joinInput();
        String idColumn = c.idColumn();
        Hdfs fs = new Hdfs(spark);
        fs.delete(c.quarantine());
        QuarantineSink sink = new QuarantineSink(c.quarantine());
        Dataset<Row> scored;
        if (!text && !join && scorer instanceof RlScorer rl) {
            scored = FastStates.score(spark, input, c.stateColumn(), shipped, sink, batch, rl.stateDim());
        } else {
            JavaRDD<Row> requests = text ? TextLines.read(spark, c.input().toArray(new String[0]))
                    : input.javaRDD();
            FlatMapFunction<Iterator<Row>, Row> score = it -> new ScoredBatches(it, shipped.value(), sink, text, join,
                    batch, idColumn);
            scored = spark.createDataFrame(requests.mapPartitions(score), out);
        }
        boolean decisions = c.decisions() != null && payload.kind().equals("bandit");
        List<org.apache.spark.sql.Column> keep = new ArrayList<>();
        for (String f : out.fieldNames()) {
            if (!f.equals("decision")) {
                keep.add(col(f));
            }
        }
        long t0 = System.nanoTime();
        if (decisions) {
            scored = scored.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        }
        try {
            write(scored.select(keep.toArray(new org.apache.spark.sql.Column[0])), c.outputFormat(), c.output());
            if (decisions) {
                io.rewind.formats.spark.TableWriter.write(scored.select("decision.*"),
                        io.rewind.formats.Tables.DECISIONS, TableFormat.PARQUET, c.decisions());
            }
        } finally {
            scored.unpersist();
        }
        double scoreSeconds = (System.nanoTime() - t0) / 1e9;
        long scoredRows = io.rewind.formats.spark.TableReader.raw(spark, c.outputFormat(), c.output()).count();
        long quarantined = fs.exists(c.quarantine()) ? spark.read().text(c.quarantine()).count() : 0;
        long total = scoredRows + quarantined;
        JobSummary summary = new JobSummary("transform").put("model", c.model()).put("model_kind", payload.kind())
                .put("rows_in", total).put("rows_scored", scoredRows).put("rows_quarantined", quarantined)
                .put("seconds_score_and_write", Math.round(scoreSeconds * 10) / 10.0);
        if (decisions) {
            summary.put("decisions", c.decisions());
        }
        try {
            BadFractionExceededException.check("transform", quarantined, total, c.maxBadFraction(), c.quarantine(),
                    summary);
        } catch (BadFractionExceededException e) {
            fs.delete(c.output());
            throw e;
        }
        return summary.put("output", c.output()).put("quarantine", quarantined > 0 ? c.quarantine() : "none");
    }

    /** The few file-system operations the job needs, on whatever file system the paths name. */
    private static final class Hdfs {
        private final org.apache.hadoop.conf.Configuration conf;

        Hdfs(SparkSession spark) {
            this.conf = spark.sparkContext().hadoopConfiguration();
        }

        private FileSystem fs(org.apache.hadoop.fs.Path p) throws IOException {
            return p.getFileSystem(conf);
        }

        boolean exists(String path) {
            try {
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
                return fs(p).exists(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void delete(String path) {
            try {
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
                fs(p).delete(p, true);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot delete " + path, e);
            }
        }

    }

    static Scorer scorer(ExecutorModels.Payload p, TransformConfig c, Instant decidedAt) {
        if (p.kind().equals("rl")) {
            RlPolicy d = RlPolicy.read(Path.of(c.model()));
            return new RlScorer(p, d.stateDim(), d.config().softmaxTemperature(), c.stateColumn());
        }
        try {
            BanditModel m = BanditModel.parse(new String(p.files().get("model.json"), StandardCharsets.UTF_8));
            return new BanditScorer(p, m.features(), m.learner() + "@" + p.key(), c.seed(), decidedAt);
        } catch (IOException e) {
            throw new IllegalArgumentException(c.model() + ": " + e.getMessage(), e);
        }
    }

    /** The decisions' timestamp: as given, or the newest modification time of the input files. */
    static Instant decidedAt(SparkSession spark, TransformConfig c) {
        if (c.decidedAt() != null) {
            return c.decidedAt();
        }
        long newest = 0;
        try {
            for (String p : c.input()) {
                org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(p);
                FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
                if (!fs.exists(path)) {
                    throw new IllegalArgumentException("input " + p + " does not exist");
                }
                var files = fs.listFiles(path, true);
                while (files.hasNext()) {
                    FileStatus f = files.next();
                    newest = Math.max(newest, f.getModificationTime());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list the input: " + e.getMessage(), e);
        }
        return Instant.ofEpochMilli(newest);
    }

    static Dataset<Row> columnar(SparkSession spark, TransformConfig c) {
        for (String p : c.input()) {
            if (!Files.exists(Path.of(p)) && !p.contains("://")) {
                throw new IllegalArgumentException("input " + p + " does not exist");
            }
        }
        String[] files = c.input().toArray(new String[0]);
        if (c.inputFormat() == TableFormat.DELTA) {
            // each snapshot's Parquet files, read directly, so every row keeps its file and row index
            List<String> snapshot = new ArrayList<>();
            for (String table : c.input()) {
                Row detail = spark.sql("DESCRIBE DETAIL delta.`" + table + "`").first();
                java.util.Map<String, String> props = detail.getJavaMap(detail.fieldIndex("properties"));
                if ("true".equals(props.get("delta.enableDeletionVectors"))
                        || !"none".equals(props.getOrDefault("delta.columnMapping.mode", "none"))) {
                    throw new IllegalArgumentException("transform reads Delta tables without deletion vectors or"
                            + " column mapping; " + table + " has " + props);
                }
                snapshot.addAll(List.of(spark.read().format("delta").load(table).inputFiles()));
            }
            files = snapshot.toArray(new String[0]);
            if (files.length == 0) {
                throw new IllegalArgumentException("the Delta table(s) " + c.input() + " have no rows to score");
            }
        }
        Dataset<Row> df = spark.read().parquet(files);
        return df.withColumn("__file", col("_metadata.file_path"))
                .withColumn("__row", col("_metadata.row_index"));
    }

    static StructType dropMetadata(StructType s) {
        StructType out = new StructType();
        for (StructField f : s.fields()) {
            if (!f.name().startsWith("__")) {
                out = out.add(f);
            }
        }
        return out;
    }

    static StructType merge(StructType a, StructType b) {
        StructType out = a;
        for (StructField f : b.fields()) {
            out = out.add(f);
        }
        return out;
    }

    static void write(Dataset<Row> rows, TableFormat format, String path) {
        switch (format) {
            case JSONL -> {
                rows.write().mode(SaveMode.Overwrite).json(path);
                HadoopFiles.renameParts(rows.sparkSession(), path, format.extension());
            }
            case PARQUET -> StagedParquet.replace(rows, path, TransformJob::withoutScoreDictionaries);
            case DELTA -> {
                OutputPaths.beginDelta(rows.sparkSession(), path);
                rows.write().mode(SaveMode.Overwrite).format("delta").save(path);
            }
            default -> throw new IllegalArgumentException("transform writes jsonl, parquet or delta");
        }
    }

    /**
     * Row ids, Q values and probabilities are (nearly) all distinct: Parquet would fill a dictionary page for each
     * column chunk before giving up on it, so they are written plain from the start; the ids' min/max statistics
     * would never prune a read.
     */
    private static org.apache.spark.sql.DataFrameWriter<Row> withoutScoreDictionaries(
            org.apache.spark.sql.DataFrameWriter<Row> w) {
        for (String column : List.of("row_id", "event_id", "q_values.list.element", "action_probs.list.element",
                "scores.list.element")) {
            w = w.option("parquet.enable.dictionary#" + column, "false");
        }
        w = w.option("parquet.column.statistics.enabled#row_id", "false")
                .option("parquet.column.statistics.enabled#event_id", "false");
        return w;
    }

    /** A short stable id for an input file: a hash of its full path, 8 hex digits. */
    static String fileId(String path) {
        return String.format("%08x", Double.doubleToLongBits(io.rewind.formats.Split.unitHash(path)) & 0xffffffffL);
    }
}
