package io.rewind.rl.batch;

import io.rewind.rl.env.CartPole;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/** Returns of a policy in CartPole-v0 (200-step limit), each episode from its own seeded start. */
public final class CartPoleRollout {
    private CartPoleRollout() {
    }

    public static double[] returns(ToIntFunction<double[]> policy, int episodes, long seed) {
        double[] out = new double[episodes];
        SplittableRandom root = new SplittableRandom(seed);
        for (int e = 0; e < episodes; e++) {
            CartPole pole = new CartPole();
            double[] s = pole.reset(root.split());
            CartPole.Step step;
            do {
                step = pole.step(policy.applyAsInt(s));
                s = step.state();
                out[e] += step.reward();
            } while (!step.done());
        }
        return out;
    }

    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    public static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / Math.max(1, v.length - 1));
    }
}
