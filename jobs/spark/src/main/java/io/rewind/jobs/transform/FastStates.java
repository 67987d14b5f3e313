package io.rewind.jobs.transform;

import static org.apache.spark.sql.functions.col;

import io.rewind.formats.Json;
import io.rewind.rl.batch.DdqnBcq;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.InputFileBlockHolder;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeArrayWriter;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The columnar path for batch-RL policies (Parquet or Delta states, no {@code --join-input}): the scan's internal
 * rows are read in place (the state array's doubles, the file name's bytes) and the scores leave as internal rows
 * built from primitive arrays, so no state or score crosses Spark's row encoders.
 */
final class FastStates {
    private FastStates() {
    }

    /** The scored rows with the columns the generic path produces (row_id, action, action_probs, q_values). */
    static Dataset<Row> score(SparkSession spark, Dataset<Row> input, String stateColumn, Broadcast<Scorer> scorer,
                              QuarantineSink sink, int batch, int stateDim) {
        if (!List.of(input.columns()).contains(stateColumn)) {
            throw new IllegalArgumentException("the input has no column " + stateColumn + " (--state-column)");
        }
        RDD<InternalRow> rows = input.select(col(stateColumn).cast("array<double>").as("state"), col("__row"))
                .queryExecution().toRdd();
        StructType schema = new StructType().add("row_id", DataTypes.StringType).add(scorer.value().fields().fields()[0])
                .add(scorer.value().fields().fields()[1]).add(scorer.value().fields().fields()[2]);
        FlatMapFunction<Iterator<InternalRow>, InternalRow> f = it -> new Scored(it, (RlScorer) scorer.value(), sink,
                batch, stateDim);
        JavaRDD<InternalRow> scored = rows.toJavaRDD().mapPartitions(f);
        return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(scored.rdd(), schema, false);
    }

    /**
     * Scores a batch at a time and hands out each scored state in one reused {@link UnsafeRow} (the scan that takes
     * it copies it before asking for the next), written field by field from the batch's primitive results.
     */
    private static final class Scored implements Iterator<InternalRow> {
        private final Iterator<InternalRow> in;
        private final RlScorer scorer;
        private final QuarantineSink sink;
        private final int batch;
        private final int dim;
        private final UnsafeRowWriter out = new UnsafeRowWriter(4, 64);
        private final byte[] id = new byte[64];
        private final float[][] states;
        private final byte[][] prefixes;
        private final long[] rows;
        private UTF8String lastHolderPath;
        private String lastFile;
        private byte[] idPrefix;
        private DdqnBcq.Scores scores;
        private int size;
        private int next;

        Scored(Iterator<InternalRow> in, RlScorer scorer, QuarantineSink sink, int batch, int dim) {
            this.in = in;
            this.sink = sink;
            this.scorer = scorer;
            this.batch = batch;
            this.dim = dim;
            this.states = new float[batch][];
            this.prefixes = new byte[batch][];
            this.rows = new long[batch];
        }

        @Override
        public boolean hasNext() {
            if (next < size) {
                return true;
            }
            fill();
            return next < size;
        }

        @Override
        public InternalRow next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            int i = next++;
            out.reset();
            out.zeroOutNullBytes();
            out.write(0, id, 0, rowId(prefixes[i], rows[i], id));
            out.write(1, scores.greedy(i));
            double[] p = scores.softmax(i, scorer.temperature());
            int before = out.cursor();
            UnsafeArrayWriter probs = new UnsafeArrayWriter(out, 8);
            probs.initialize(p.length);
            for (int a = 0; a < p.length; a++) {
                probs.write(a, p[a]);
            }
            out.setOffsetAndSizeFromPreviousCursor(2, before);
            float[] q = scores.q()[i];
            before = out.cursor();
            UnsafeArrayWriter qs = new UnsafeArrayWriter(out, 4);
            qs.initialize(q.length);
            for (int a = 0; a < q.length; a++) {
                qs.write(a, q[a]);
            }
            out.setOffsetAndSizeFromPreviousCursor(3, before);
            return out.getRow();
        }

        private void fill() {
            size = 0;
            next = 0;
            while (in.hasNext() && size < batch) {
                InternalRow r = in.next();
                // the file being read: the scan sets it when it opens a file, and a row comes out before the next
                // file is opened (what input_file_name() reads); no per-row path column to copy and compare
                UTF8String file = InputFileBlockHolder.getInputFilePath();
                if (file != lastHolderPath) {
                    if (file.numBytes() == 0) {
                        throw new IllegalStateException("the scan of the states did not say which file row " + r.getLong(1)
                                + " came from; run with --join-input to use the generic path");
                    }
                    lastHolderPath = file;
                    lastFile = metadataFilePath(file.toString());
                    idPrefix = (TransformJob.fileId(lastFile) + ":").getBytes(StandardCharsets.UTF_8);
                }
                long row = r.getLong(1);
                ArrayData state = r.isNullAt(0) ? null : r.getArray(0);
                String reason = check(state);
                if (reason != null) {
                    sink.add(new String(id, 0, rowId(idPrefix, row, id), StandardCharsets.UTF_8), lastFile, row,
                            reason, Json.objectOf("state", show(state)));
                    continue;
                }
                float[] s = new float[dim];
                for (int k = 0; k < dim; k++) {
                    s[k] = (float) state.getDouble(k);
                }
                states[size] = s;
                prefixes[size] = idPrefix;
                rows[size] = row;
                size++;
            }
            if (size > 0) {
                scores = ExecutorModels.rl(scorer.model()).score(java.util.Arrays.copyOf(states, size));
            }
        }

        /**
         * The file's path as {@code _metadata.file_path} spells it (which the generic path's row ids hash): the
         * holder writes local files as {@code file:///p}, the metadata column as {@code file:/p}.
         */
        static String metadataFilePath(String holderPath) {
            java.net.URI u = java.net.URI.create(holderPath);
            String authority = u.getRawAuthority();
            return u.getScheme() != null && (authority == null || authority.isEmpty())
                    ? u.getScheme() + ":" + u.getRawPath() : holderPath;
        }

        /** Writes prefix and the decimal digits of row (not negative) into {@code to}; returns the length. */
        static int rowId(byte[] prefix, long row, byte[] to) {
            int digits = 1;
            for (long v = row; v >= 10; v /= 10) {
                digits++;
            }
            System.arraycopy(prefix, 0, to, 0, prefix.length);
            long v = row;
            for (int i = prefix.length + digits - 1; i >= prefix.length; i--) {
                to[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            return prefix.length + digits;
        }

        private String check(ArrayData s) {
            if (s == null) {
                return "state: missing";
            }
            if (s.numElements() != dim) {
                return "state: " + s.numElements() + " values, the policy expects " + dim;
            }
            for (int k = 0; k < dim; k++) {
                if (s.isNullAt(k) || !Double.isFinite(s.getDouble(k))) {
                    return "state: an element is missing or not a finite number";
                }
            }
            return null;
        }

        private static List<Double> show(ArrayData s) {
            if (s == null) {
                return null;
            }
            List<Double> out = new ArrayList<>();
            for (int k = 0; k < s.numElements(); k++) {
                out.add(s.isNullAt(k) ? null : s.getDouble(k));
            }
            return out;
        }
    }
}
