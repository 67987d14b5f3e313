package io.rewind.jobs.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.rewind.rl.batch.DdqnBcq;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The columnar path for batch-RL policies (Parquet or Delta states, no {@code --join-input}): states cross into the
 * JVM as primitive arrays through bean encoders instead of generic rows, and the scores leave the same way.
 */
final class FastStates {
    private FastStates() {
    }

    /** One input state with its address. */
    public static final class In implements Serializable {
        private double[] state;
        private String file;
        private long row;

        public double[] getState() {
            return state;
        }

        public void setState(double[] state) {
            this.state = state;
        }

        public String getFile() {
            return file;
        }

        public void setFile(String file) {
            this.file = file;
        }

        public long getRow() {
            return row;
        }

        public void setRow(long row) {
            this.row = row;
        }
    }

    /** One scored (or rejected) state. */
    public static final class Out implements Serializable {
        private String rowId;
        private Integer action;
        private double[] actionProbs;
        private float[] qValues;

        public String getRowId() {
            return rowId;
        }

        public void setRowId(String v) {
            rowId = v;
        }

        public Integer getAction() {
            return action;
        }

        public void setAction(Integer v) {
            action = v;
        }

        public double[] getActionProbs() {
            return actionProbs;
        }

        public void setActionProbs(double[] v) {
            actionProbs = v;
        }

        public float[] getQValues() {
            return qValues;
        }

        public void setQValues(float[] v) {
            qValues = v;
        }    }

    /** The scored rows with the columns the generic path produces (row_id, action, ..., status). */
    static Dataset<Row> score(Dataset<Row> input, String stateColumn, Broadcast<Scorer> scorer, QuarantineSink sink,
                              int batch, int stateDim) {
        if (!List.of(input.columns()).contains(stateColumn)) {
            throw new IllegalArgumentException("the input has no column " + stateColumn + " (--state-column)");
        }
        // a missing element becomes NaN, which the check below rejects; the array then has no nulls and crosses
        // into the JVM as a primitive array in one copy
        Dataset<In> in = input.select(org.apache.spark.sql.functions.transform(col(stateColumn)
                        .cast("array<double>"), x -> org.apache.spark.sql.functions.coalesce(x, lit(Double.NaN)))
                        .as("state"), col("__file").as("file"), col("__row").as("row"))
                .as(Encoders.bean(In.class));
        MapPartitionsFunction<In, Out> f = it -> new Scored(it, (RlScorer) scorer.value(), sink, batch, stateDim);
        return in.mapPartitions(f, Encoders.bean(Out.class)).select(col("rowId").as("row_id"), col("action"),
                col("actionProbs").as("action_probs"), col("qValues").as("q_values"));
    }

    private static final class Scored extends BatchedIterator<Out> {
        private final Iterator<In> in;
        private final RlScorer scorer;
        private final QuarantineSink sink;
        private final int batch;
        private final int dim;
        private String lastFile;
        private String lastFileId;

        Scored(Iterator<In> in, RlScorer scorer, QuarantineSink sink, int batch, int dim) {
            this.in = in;
            this.sink = sink;
            this.scorer = scorer;
            this.batch = batch;
            this.dim = dim;
        }

        @Override
        protected void fill(List<Out> ready) {
            List<float[]> states = new ArrayList<>();
            List<Out> good = new ArrayList<>();
            while (in.hasNext() && states.size() < batch) {
                In r = in.next();
                Out o = new Out();
                if (!r.getFile().equals(lastFile)) {
                    lastFile = r.getFile();
                    lastFileId = TransformJob.fileId(lastFile);
                }
                o.setRowId(lastFileId + ":" + r.getRow());
                String reason = check(r.getState());
                if (reason != null) {
                    sink.add(o.getRowId(), r.getFile(), r.getRow(), reason, "{\"state\": "
                            + java.util.Arrays.toString(r.getState()) + "}");
                    continue;
                }
                float[] s = new float[dim];
                for (int k = 0; k < dim; k++) {
                    s[k] = (float) r.getState()[k];
                }
                states.add(s);
                good.add(o);
                ready.add(o);
            }
            if (states.isEmpty()) {
                return;
            }
            DdqnBcq.Scores s = ExecutorModels.rl(scorer.model()).score(states.toArray(new float[0][]));
            for (int i = 0; i < good.size(); i++) {
                Out o = good.get(i);
                o.setAction(s.greedy(i));
                o.setActionProbs(s.softmax(i, scorer.temperature()));
                o.setQValues(s.q()[i]);
            }
        }

        private String check(double[] s) {
            if (s == null) {
                return "state: missing";
            }
            if (s.length != dim) {
                return "state: " + s.length + " values, the policy expects " + dim;
            }
            for (double v : s) {
                if (!Double.isFinite(v)) {
                    return "state: an element is missing or not a finite number";
                }
            }
            return null;
        }
    }
}
