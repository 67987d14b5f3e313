package io.rewind.jobs.transform;

import static org.apache.spark.sql.functions.col;

import io.rewind.formats.spark.SparkRows;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.RlPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A saved batch-RL policy's distribution over actions at every step of an episodes table: softmax(Q/T) over the
 * actions BCQ allows, the view of the policy that train-rl's estimators and {@code rewind transform} use. The policy
 * is shipped once and restored once per executor; states are scored in batches.
 */
public final class PolicyProbabilities {
    private PolicyProbabilities() {
    }

    /**
     * @param steps rows with {@code episode_id}, {@code step} and {@code state}
     * @return {@code episode_id}, {@code step}, {@code target} (array of doubles, one per action)
     */
    public static Dataset<Row> of(SparkSession spark, String policy, Dataset<Row> steps, int batch) {
        ExecutorModels.Payload payload = ExecutorModels.read(policy);
        if (!payload.kind().equals("rl")) {
            throw new IllegalArgumentException(policy + " is not a batch-RL policy folder (rewind train-rl's"
                    + " OUTPUT/policy)");
        }
        RlPolicy described = RlPolicy.read(Path.of(policy));
        double temperature = described.config().softmaxTemperature();
        int dim = described.stateDim();
        Broadcast<ExecutorModels.Payload> shipped =
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(payload);
        StructType schema = new StructType().add("episode_id", DataTypes.LongType).add("step", DataTypes.IntegerType)
                .add("target", DataTypes.createArrayType(DataTypes.DoubleType));
        MapPartitionsFunction<Row, Row> score = rows -> new Iterator<>() {
            private final List<Row> ready = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                if (next < ready.size()) {
                    return true;
                }
                ready.clear();
                next = 0;
                List<Row> in = new ArrayList<>();
                List<float[]> states = new ArrayList<>();
                while (rows.hasNext() && in.size() < batch) {
                    Row r = rows.next();
                    double[] s = SparkRows.doubles(r.get(2));
                    if (s == null || s.length != dim) {
                        throw new IllegalArgumentException("episode " + r.get(0) + " step " + r.get(1) + ": state has "
                                + (s == null ? 0 : s.length) + " values, the policy expects " + dim);
                    }
                    float[] f = new float[dim];
                    for (int k = 0; k < dim; k++) {
                        f[k] = (float) s[k];
                    }
                    in.add(r);
                    states.add(f);
                }
                if (in.isEmpty()) {
                    return false;
                }
                DdqnBcq model = ExecutorModels.rl(shipped.value());
                DdqnBcq.Scores scores = model.score(states.toArray(new float[0][]));
                for (int i = 0; i < in.size(); i++) {
                    ready.add(RowFactory.create(((Number) in.get(i).get(0)).longValue(),
                            ((Number) in.get(i).get(1)).intValue(), scores.softmax(i, temperature)));
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return ready.get(next++);
            }
        };
        return steps.select(col("episode_id"), col("step"), col("state"))
                .mapPartitions(score, Encoders.row(schema));
    }
}
