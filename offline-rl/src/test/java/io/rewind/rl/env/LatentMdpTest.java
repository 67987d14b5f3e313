package io.rewind.rl.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.rl.batch.Rollout;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

class LatentMdpTest {
    static final int H = LatentMdp.HIDDEN_STATES;
    static final int A = LatentMdp.ACTIONS;

    /** Policy iteration with exact linear solves: a different road to the optimum than the class's value iteration. */
    static int[] optimalPolicy() {
        int[] pi = new int[H];
        while (true) {
            RealVector v = values(pi);
            int[] better = new int[H];
            boolean stable = true;
            for (int h = 0; h < H; h++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int a = 0; a < A; a++) {
                    double q = LatentMdp.meanReward(h, a) + LatentMdp.CONTINUE * v.getEntry(LatentMdp.next(h, a));
                    if (q > best + 1e-12) {
                        best = q;
                        better[h] = a;
                    }
                }
                stable &= LatentMdp.meanReward(h, better[h]) + LatentMdp.CONTINUE * v.getEntry(LatentMdp.next(h,
                        better[h])) <= LatentMdp.meanReward(h, pi[h]) + LatentMdp.CONTINUE * v.getEntry(LatentMdp.next(
                        h, pi[h])) + 1e-12;
            }
            if (stable) {
                return pi;
            }
            pi = better;
        }
    }

    /** v = (I − γ P_π)⁻¹ r_π. */
    static RealVector values(int[] pi) {
        RealMatrix m = MatrixUtils.createRealIdentityMatrix(H);
        double[] r = new double[H];
        for (int h = 0; h < H; h++) {
            m.addToEntry(h, LatentMdp.next(h, pi[h]), -LatentMdp.CONTINUE);
            r[h] = LatentMdp.meanReward(h, pi[h]);
        }
        return new LUDecomposition(m).getSolver().solve(MatrixUtils.createRealVector(r));
    }

    static double mean(RealVector v) {
        return Arrays.stream(v.toArray()).average().orElseThrow();
    }

    @Test
    void theKnownOptimumIsWhatPolicyIterationFinds() {
        double optimum = mean(values(optimalPolicy()));
        assertEquals(optimum, LatentMdp.optimalReturn(), 1e-9);
        double uniform = LatentMdp.fixedPolicyReturn(uniform());
        System.out.printf("latent-mdp: optimal return %.4f, uniform behaviour %.4f%n", optimum, uniform);
        assertTrue(optimum > uniform + 2, "the optimum is well above the uniform behaviour: " + optimum + " vs "
                + uniform);
    }

    @Test
    void theSimulatorPaysWhatTheTablesSayUnderTheUniformAndTheOptimalPolicy() {
        List<EpisodeStep> steps = EpisodeCollector.collect(Simulator.LATENT_MDP, 100, 100,
                BehaviourPolicy.fixed(uniform()), 11);
        double[] g = EpisodeCollector.returns(steps, 10_000);
        assertWithin(g, LatentMdp.fixedPolicyReturn(uniform()), "uniform");
        assertEquals(10_000, steps.stream().filter(EpisodeStep::done).count());
        assertTrue(steps.stream().allMatch(s -> s.state().length == LatentMdp.STATE_DIM));
        // the optimal hidden-state policy, acting on the nearest embedding: the observations give the state away
        int[] pi = optimalPolicy();
        double[] best = Rollout.returns(Simulator.LATENT_MDP, o -> pi[nearest(o)], 10_000, 12);
        assertWithin(best, LatentMdp.optimalReturn(), "optimal");
    }

    static void assertWithin(double[] g, double expected, String what) {
        double m = Rollout.mean(g);
        double se = Rollout.sd(g) / Math.sqrt(g.length);
        System.out.printf("latent-mdp %s: simulated %.4f ± %.4f, exact %.4f%n", what, m, se, expected);
        assertEquals(expected, m, 4 * se, what);
    }

    static int nearest(double[] o) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int h = 0; h < H; h++) {
            double[] e = LatentMdp.embedding(h);
            double d = 0;
            for (int i = 0; i < e.length; i++) {
                d += (o[i] - e[i]) * (o[i] - e[i]);
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = h;
            }
        }
        return best;
    }

    static double[] uniform() {
        double[] p = new double[A];
        Arrays.fill(p, 1.0 / A);
        return p;
    }
}
