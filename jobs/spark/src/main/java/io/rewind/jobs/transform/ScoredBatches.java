package io.rewind.jobs.transform;

import static org.apache.spark.sql.functions.col;
import com.fasterxml.jackson.databind.JsonNode;
import io.rewind.formats.Json;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.OutputPaths;
import io.rewind.formats.spark.TextLines;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import io.rewind.rl.bandit.BanditModel;
import io.rewind.rl.batch.RlPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

/** Parses rows, gathers up to {@code batch} good ones, scores them together, and yields output rows in order. */
final class ScoredBatches extends BatchedIterator<Row> {
    private final Iterator<Row> in;
    private final Scorer scorer;
    private final QuarantineSink sink;
    private final boolean text;
    private final boolean join;
    private final int batch;
    private final String idColumn;
    private final int outputs;
    private final java.util.Map<String, String> fileIds = new java.util.HashMap<>();

    ScoredBatches(Iterator<Row> in, Scorer scorer, QuarantineSink sink, boolean text, boolean join, int batch,
            String idColumn) {
        this.in = in;
        this.sink = sink;
        this.idColumn = idColumn;
        this.scorer = scorer;
        this.text = text;
        this.join = join;
        this.batch = batch;
        this.outputs = scorer.fields().size();
    }

    @Override
    protected void fill(List<Row> ready) {
        List<Object[]> inputs = new ArrayList<>();
        List<Object> requests = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        while (in.hasNext() && requests.size() < batch) {
            Row r = in.next();
            String file;
            long line;
            String raw;
            Object[] inputValues;
            Object request = null;
            String reason = null;
            String id = null;
            if (text) {
                file = r.getString(0);
                line = r.getLong(1);
                raw = r.getString(2);
                inputValues = join ? new Object[] {raw} : new Object[0];
                try {
                    JsonNode node = Json.tree(raw);
                    if (idColumn != null) {
                        JsonNode v = node.get(idColumn);
                        if (v == null || v.isNull() || v.isContainerNode()) {
                            throw new Scorer.BadRow(idColumn + ": missing (--id-column)");
                        }
                        id = v.asText();
                    }
                    request = scorer.fromJson(node);
                } catch (Scorer.BadRow e) {
                    reason = e.getMessage();
                } catch (IOException | RuntimeException e) {
                    reason = "line: not valid JSON (" + firstLine(e.getMessage()) + ")";
                }
            } else {
                file = r.getString(r.fieldIndex("__file"));
                line = r.getLong(r.fieldIndex("__row"));
                raw = null;
                inputValues = join ? inputValues(r) : new Object[0];
                try {
                    if (idColumn != null) {
                        int at = java.util.Arrays.asList(r.schema().fieldNames()).indexOf(idColumn);
                        if (at < 0) {
                            throw new IllegalArgumentException("the input has no column " + idColumn
                                    + " (--id-column)");
                        }
                        if (r.isNullAt(at)) {
                            throw new Scorer.BadRow(idColumn + ": missing (--id-column)");
                        }
                        id = String.valueOf(r.get(at));
                    }
                    request = scorer.fromRow(r);
                } catch (Scorer.BadRow e) {
                    reason = e.getMessage();
                    raw = r.json();
                }
            }
            if (id == null) {
                id = fileIds.computeIfAbsent(file, TransformJob::fileId) + ":" + line;
            }
            if (reason != null) {
                sink.add(id, file, line, reason, raw);
                continue;
            }
            inputs.add(inputValues);
            requests.add(request);
            ids.add(id);
        }
        List<Object[]> scored = requests.isEmpty() ? List.of() : scorer.score(requests, ids);
        for (int i = 0; i < scored.size(); i++) {
            Object[] values = new Object[inputs.get(i).length + 1 + outputs];
            System.arraycopy(inputs.get(i), 0, values, 0, inputs.get(i).length);
            values[inputs.get(i).length] = ids.get(i);
            System.arraycopy(scored.get(i), 0, values, inputs.get(i).length + 1, outputs);
            ready.add(RowFactory.create(values));
        }
    }

    private static Object[] inputValues(Row r) {
        List<Object> v = new ArrayList<>();
        String[] names = r.schema().fieldNames();
        for (int i = 0; i < names.length; i++) {
            if (!names[i].startsWith("__")) {
                v.add(r.get(i));
            }
        }
        return v.toArray();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
