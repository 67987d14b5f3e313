package io.rewind.jobs.rl;

import io.rewind.formats.spark.SparkRows;
import io.rewind.rl.batch.Transitions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;

/** Rows of {@link EpisodeTransitions#withNextState} packed into {@link Transitions}, in episode and step order. */
final class TransitionRows {
    private static final double[] NONE = new double[0];

    private TransitionRows() {
    }

    /**
     * Packs the rows (any order, any count, none included) into one chunk sorted by episode and step. Each row is
     * converted as it comes, so the packed arrays are held, never the rows.
     */
    /** The rows as chunks of at most {@code perChunk} rows each, packed one at a time as they are read. */
    static Iterator<Transitions> packInChunks(Iterator<Row> rows, long perChunk) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Transitions next() {
                if (!rows.hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return pack(new Iterator<>() {
                    private long taken;

                    @Override
                    public boolean hasNext() {
                        return taken < perChunk && rows.hasNext();
                    }

                    @Override
                    public Row next() {
                        taken++;
                        return rows.next();
                    }
                }, false);
            }
        };
    }

    static Transitions pack(Iterator<Row> rows, boolean withBehaviour) {
        long[] episode = new long[16];
        int[] step = new int[16];
        int[] action = new int[16];
        float[] reward = new float[16];
        boolean[] done = new boolean[16];
        List<float[]> state = new ArrayList<>();
        List<float[]> next = new ArrayList<>();
        List<double[]> behaviour = new ArrayList<>();
        int n = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            if (n == episode.length) {
                episode = Arrays.copyOf(episode, 2 * n);
                step = Arrays.copyOf(step, 2 * n);
                action = Arrays.copyOf(action, 2 * n);
                reward = Arrays.copyOf(reward, 2 * n);
                done = Arrays.copyOf(done, 2 * n);
            }
            episode[n] = r.getAs("episode_id");
            step[n] = r.getAs("step");
            action[n] = r.getAs("action");
            reward[n] = (float) (double) r.<Double>getAs("reward");
            done[n] = r.getAs("done");
            float[] s = Transitions.floats(SparkRows.doubles(r.getAs("state")));
            Object s2 = r.getAs("next_state");
            state.add(s);
            next.add(done[n] || s2 == null ? new float[s.length] : Transitions.floats(SparkRows.doubles(s2)));
            behaviour.add(withBehaviour ? SparkRows.doubles(r.getAs("action_probs")) : NONE);
            n++;
        }
        long[] e = episode;
        int[] st = step;
        int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> e[i]).thenComparingInt(i -> st[i]))
                .mapToInt(Integer::intValue).toArray();
        Transitions t = new Transitions(new long[n], new int[n], new float[n][], new int[n], new float[n],
                new float[n][], new boolean[n], new double[n][]);
        for (int k = 0; k < n; k++) {
            int i = order[k];
            t.episode()[k] = episode[i];
            t.step()[k] = step[i];
            t.state()[k] = state.get(i);
            t.action()[k] = action[i];
            t.reward()[k] = reward[i];
            t.next()[k] = next.get(i);
            t.done()[k] = done[i];
            t.behaviour()[k] = behaviour.get(i);
        }
        return t;
    }
}
