package io.rewind.rl.batch;

import io.rewind.rl.env.EpisodeStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Transitions (s, a, r, s', done, μ(·|s)) in step order within each episode, as column arrays. A step marked done
 * has no next state (zeros); an episode's last step that is not done (a cut-off log) has no successor and is left
 * out.
 */
public record Transitions(long[] episode, int[] step, float[][] state, int[] action, float[] reward,
                          float[][] next, boolean[] done, double[][] behaviour)
        implements java.io.Serializable {
    public int size() {
        return action.length;
    }

    public int stateDim() {
        return state[0].length;
    }

    public int actions() {
        return behaviour[0].length;
    }

    /** Transitions from episode rows (any order): consecutive steps of an episode give s and s'. */
    public static Transitions fromSteps(List<EpisodeStep> rows) {
        List<EpisodeStep> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(EpisodeStep::episodeId).thenComparingInt(EpisodeStep::step));
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            EpisodeStep s = sorted.get(i);
            boolean hasNext = i + 1 < sorted.size() && sorted.get(i + 1).episodeId() == s.episodeId();
            if (s.done() || hasNext) {
                keep.add(i);
            }
        }
        int n = keep.size();
        if (n == 0) {
            throw new IllegalArgumentException("no transitions: every episode is a single cut-off step");
        }
        int dim = sorted.get(0).state().length;
        Transitions t = new Transitions(new long[n], new int[n], new float[n][], new int[n], new float[n],
                new float[n][], new boolean[n], new double[n][]);
        for (int k = 0; k < n; k++) {
            int i = keep.get(k);
            EpisodeStep s = sorted.get(i);
            t.episode[k] = s.episodeId();
            t.step[k] = s.step();
            t.state[k] = floats(s.state());
            t.action[k] = s.action();
            t.reward[k] = (float) s.reward();
            t.done[k] = s.done();
            t.next[k] = s.done() ? new float[dim] : floats(sorted.get(i + 1).state());
            t.behaviour[k] = s.actionProbs().clone();
        }
        return t;
    }

    /** The transitions whose episode satisfies the filter, in the same order. */
    public Transitions select(java.util.function.LongPredicate episodes) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (episodes.test(episode[i])) {
                idx.add(i);
            }
        }
        int n = idx.size();
        Transitions t = new Transitions(new long[n], new int[n], new float[n][], new int[n], new float[n],
                new float[n][], new boolean[n], new double[n][]);
        for (int k = 0; k < n; k++) {
            int i = idx.get(k);
            t.episode[k] = episode[i];
            t.step[k] = step[i];
            t.state[k] = state[i];
            t.action[k] = action[i];
            t.reward[k] = reward[i];
            t.next[k] = next[i];
            t.done[k] = done[i];
            t.behaviour[k] = behaviour[i];
        }
        return t;
    }

    /** The number of distinct episodes. */
    public long episodes() {
        return java.util.Arrays.stream(episode).distinct().count();
    }

    /** A state as the networks take it (float). */
    public static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
