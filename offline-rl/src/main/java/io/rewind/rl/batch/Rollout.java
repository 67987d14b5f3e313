package io.rewind.rl.batch;

import io.rewind.rl.env.Environment;
import io.rewind.rl.env.Simulator;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/** Returns of a policy in a simulator as it is evaluated (CartPole-v0: 200-step limit), each episode its own stream. */
public final class Rollout {
    private Rollout() {
    }

    public static double[] returns(Simulator simulator, ToIntFunction<double[]> policy, int episodes, long seed) {
        double[] out = new double[episodes];
        SplittableRandom root = new SplittableRandom(seed);
        for (int e = 0; e < episodes; e++) {
            Environment env = simulator.forEvaluation();
            SplittableRandom r = root.split();
            double[] s = env.reset(r);
            Environment.Step step;
            do {
                step = env.step(policy.applyAsInt(s), r);
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
