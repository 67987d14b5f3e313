package io.rewind.ope.synthetic;

import io.rewind.ope.sequential.EpisodeSample;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small chain MDP whose policy values are known exactly (finite-horizon dynamic programming): states 0..n−1,
 * start in the middle, action 1 moves right and 0 left, each with probability {@code slip} of going the other way;
 * reaching the right end pays 1 and ends the episode, reaching the left end pays 0 and ends it; at most
 * {@code horizon} steps. Policies are "move right with probability p" in every state.
 */
public final class ChainMdp {
    private final int n;
    private final int horizon;
    private final double slip;
    private final double gamma;

    public ChainMdp(int n, int horizon, double slip, double gamma) {
        this.n = n;
        this.horizon = horizon;
        this.slip = slip;
        this.gamma = gamma;
    }

    public int horizon() {
        return horizon;
    }

    /** Q_t(s, a) of the policy that moves right with probability {@code pRight}; [t][s][a]. */
    public double[][][] q(double pRight) {
        double[][][] q = new double[horizon + 1][n][2];
        for (int t = horizon - 1; t >= 0; t--) {
            for (int s = 1; s < n - 1; s++) {
                for (int a = 0; a < 2; a++) {
                    double pUp = a == 1 ? 1 - slip : slip;
                    q[t][s][a] = pUp * backup(q, t + 1, s + 1, pRight) + (1 - pUp) * backup(q, t + 1, s - 1, pRight);
                }
            }
        }
        return q;
    }

    private double backup(double[][][] q, int t, int next, double pRight) {
        if (next == n - 1) {
            return 1;
        }
        if (next == 0) {
            return 0;
        }
        return gamma * (pRight * q[t][next][1] + (1 - pRight) * q[t][next][0]);
    }

    /** The exact value of the policy from the start state. */
    public double value(double pRight) {
        double[][][] q = q(pRight);
        int s = n / 2;
        return pRight * q[0][s][1] + (1 - pRight) * q[0][s][0];
    }

    /** One logged step: episode, step, state, action (1 = right), reward, and whether the episode ended. */
    public record Step(int episode, int t, int state, int action, double reward, boolean done) {
    }

    /** Steps of {@code count} episodes logged by the policy that moves right with probability behaviourRight. */
    public List<Step> log(int count, double behaviourRight, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int s = n / 2;
            for (int t = 0; t < horizon; t++) {
                int a = r.nextDouble() < behaviourRight ? 1 : 0;
                int next = r.nextDouble() < (a == 1 ? 1 - slip : slip) ? s + 1 : s - 1;
                boolean end = next == 0 || next == n - 1;
                out.add(new Step(i, t, s, a, next == n - 1 ? 1 : 0, end || t == horizon - 1));
                s = next;
                if (end) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Episodes logged by the behaviour policy, with ratios for the target policy and a value model that is the
     * target's exact Q plus {@code modelBias}.
     */
    public List<EpisodeSample> episodes(int count, double behaviourRight, double targetRight, double modelBias,
                                        long seed) {
        double[][][] q = q(targetRight);
        List<EpisodeSample> out = new ArrayList<>();
        List<double[]> steps = new ArrayList<>();
        int episode = 0;
        for (Step st : log(count, behaviourRight, seed)) {
            int a = st.action();
            double ratio = a == 1 ? targetRight / behaviourRight : (1 - targetRight) / (1 - behaviourRight);
            double[] qs = q[st.t()][st.state()];
            double vHat = targetRight * (qs[1] + modelBias) + (1 - targetRight) * (qs[0] + modelBias);
            steps.add(new double[] {st.reward(), ratio, qs[a] + modelBias, vHat});
            if (st.done()) {
                out.add(EpisodeSample.fromSteps(seed * 1_000_003L + episode++, steps));
                steps.clear();
            }
        }
        return out;
    }
}
