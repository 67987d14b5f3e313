package io.rewind.jobs.rl;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;

import io.rewind.formats.spark.SparkRows;
import io.rewind.rl.batch.Transitions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Transitions from an episodes table on Spark: the next state is the next step's state in the same episode
 * ({@code lead} over a window ordered by step); a step marked done needs none; a last step that is not done (a
 * cut-off log) is left out. The transitions come to the driver in episode and step order.
 */
public final class EpisodeTransitions {
    private EpisodeTransitions() {
    }

    public static Dataset<Row> withNextState(Dataset<Row> episodes) {
        WindowSpec byStep = Window.partitionBy("episode_id").orderBy("step");
        return episodes.withColumn("next_state", lead(col("state"), 1).over(byStep))
                .filter(col("done").or(col("next_state").isNotNull()))
                .select(col("episode_id"), col("step"), col("state"), col("action"), col("reward"),
                        col("next_state"), col("done"), col("action_probs"));
    }

    public static Transitions collect(Dataset<Row> episodes) {
        Iterator<Row> it = withNextState(episodes).orderBy("episode_id", "step").toLocalIterator();
        List<Long> episode = new ArrayList<>();
        List<Integer> step = new ArrayList<>();
        List<float[]> state = new ArrayList<>();
        List<Integer> action = new ArrayList<>();
        List<Float> reward = new ArrayList<>();
        List<float[]> next = new ArrayList<>();
        List<Boolean> done = new ArrayList<>();
        List<double[]> probs = new ArrayList<>();
        int dim = -1;
        while (it.hasNext()) {
            Row r = it.next();
            float[] s = floats(SparkRows.doubles(r.get(2)));
            double[] p = SparkRows.doubles(r.get(7));
            int a = r.getInt(3);
            if (dim < 0) {
                dim = s.length;
            }
            if (s.length != dim || a < 0 || a >= p.length) {
                throw new IllegalArgumentException("episode " + r.getLong(0) + " step " + r.getInt(1) + ": state of "
                        + s.length + " (expected " + dim + ") or action " + a + " outside action_probs of "
                        + p.length);
            }
            episode.add(r.getLong(0));
            step.add(r.getInt(1));
            state.add(s);
            action.add(a);
            reward.add((float) r.getDouble(4));
            boolean d = r.getBoolean(6);
            done.add(d);
            next.add(d || r.isNullAt(5) ? new float[dim] : floats(SparkRows.doubles(r.get(5))));
            probs.add(p);
        }
        int n = episode.size();
        if (n == 0) {
            throw new IllegalArgumentException("no transitions in the episodes");
        }
        Transitions t = new Transitions(new long[n], new int[n], new float[n][], new int[n], new float[n],
                new float[n][], new boolean[n], new double[n][]);
        for (int i = 0; i < n; i++) {
            t.episode()[i] = episode.get(i);
            t.step()[i] = step.get(i);
            t.state()[i] = state.get(i);
            t.action()[i] = action.get(i);
            t.reward()[i] = reward.get(i);
            t.next()[i] = next.get(i);
            t.done()[i] = done.get(i);
            t.behaviour()[i] = probs.get(i);
        }
        return t;
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
