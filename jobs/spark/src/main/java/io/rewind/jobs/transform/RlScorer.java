package io.rewind.jobs.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewind.rl.batch.DdqnBcq;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Batch-RL policies: one state per row (a bare JSON array, {@code {"state": [...]}}, or a vector column) → the
 * greedy action among BCQ's allowed ones, the policy's probabilities (softmax(Q/T) over the allowed actions) and the
 * Q values (float, the network's own precision). States are scored {@code batch} at a time in one forward pass.
 */
final class RlScorer implements Scorer {
    private final ExecutorModels.Payload model;
    private final int stateDim;
    private final double temperature;
    private final String stateColumn;

    RlScorer(ExecutorModels.Payload model, int stateDim, double temperature, String stateColumn) {
        this.model = model;
        this.stateDim = stateDim;
        this.temperature = temperature;
        this.stateColumn = stateColumn;
    }

    ExecutorModels.Payload model() {
        return model;
    }

    double temperature() {
        return temperature;
    }

    int stateDim() {
        return stateDim;
    }

    @Override
    public StructType fields() {
        return new StructType().add("action", DataTypes.IntegerType)
                .add("action_probs", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("q_values", DataTypes.createArrayType(DataTypes.FloatType));
    }

    @Override
    public Object fromJson(JsonNode line) {
        JsonNode s = line.isArray() ? line : line.get("state");
        if (s == null || !s.isArray()) {
            throw new BadRow("state: expected a JSON array of " + stateDim + " numbers or {\"state\": [...]}");
        }
        float[] out = new float[s.size()];
        for (int i = 0; i < out.length; i++) {
            if (!s.get(i).isNumber()) {
                throw new BadRow("state: element " + i + " is not a number");
            }
            out[i] = (float) s.get(i).asDouble();
        }
        return check(out);
    }

    @Override
    public Object fromRow(Row row) {
        int i;
        try {
            i = row.fieldIndex(stateColumn);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the input has no column " + stateColumn + " (--state-column)");
        }
        if (row.isNullAt(i)) {
            throw new BadRow(stateColumn + ": missing");
        }
        List<Object> l = row.getList(i);
        float[] out = new float[l.size()];
        for (int k = 0; k < out.length; k++) {
            Object v = l.get(k);
            if (!(v instanceof Number n)) {
                throw new BadRow(stateColumn + ": element " + k + " is missing");
            }
            out[k] = n.floatValue();
        }
        return check(out);
    }

    private float[] check(float[] s) {
        if (s.length != stateDim) {
            throw new BadRow("state: " + s.length + " values, the policy expects " + stateDim);
        }
        for (float v : s) {
            if (!Float.isFinite(v)) {
                throw new BadRow("state: not a finite number");
            }
        }
        return s;
    }

    @Override
    public List<Object[]> score(List<Object> requests, List<String> rowIds) {
        DdqnBcq policy = ExecutorModels.rl(model);
        float[][] states = requests.toArray(new float[0][]);
        DdqnBcq.Scores scores = policy.score(states);
        List<Object[]> out = new ArrayList<>(states.length);
        for (int i = 0; i < states.length; i++) {
            out.add(new Object[] {scores.greedy(i), scores.softmax(i, temperature), scores.q()[i]});
        }
        return out;
    }
}
