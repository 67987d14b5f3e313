package io.rewind.ope.synthetic;

import java.util.SplittableRandom;

/**
 * A bandit with a large catalogue: 1,000 actions in 10 categories (action a is in category a mod 10), the reward a
 * Bernoulli whose mean depends on the context and the action's category only, and softmax policies over per-action
 * scores θ_a·x (the logger flat, β = 0.3; the target sharper, β = 1.5). The world is fixed by one seed.
 */
public final class EmbeddedActionsBandit {
    private EmbeddedActionsBandit() {
    }

    public static final int ACTIONS = 1000;
    public static final int DIM = 5;
    public static final int CATEGORIES = 10;
    public static final double[][] THETA = new double[ACTIONS][DIM];
    public static final double[][] GAMMA = new double[CATEGORIES][DIM];

    static {
        SplittableRandom world = new SplittableRandom(2022);
        for (double[] t : THETA) {
            for (int d = 0; d < DIM; d++) {
                t[d] = gaussian(world);
            }
        }
        for (double[] g : GAMMA) {
            for (int d = 0; d < DIM; d++) {
                g[d] = gaussian(world);
            }
        }
    }

    public static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    public static int category(int a) {
        return a % CATEGORIES;
    }

    public static double meanReward(double[] x, int c) {
        double z = 0;
        for (int d = 0; d < DIM; d++) {
            z += GAMMA[c][d] * x[d];
        }
        return 1 / (1 + Math.exp(-z));
    }

    public static double[] policy(double[] x, double beta) {
        double[] p = new double[ACTIONS];
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < ACTIONS; a++) {
            double s = 0;
            for (int d = 0; d < DIM; d++) {
                s += THETA[a][d] * x[d];
            }
            p[a] = beta * s;
            max = Math.max(max, p[a]);
        }
        double sum = 0;
        for (int a = 0; a < ACTIONS; a++) {
            p[a] = Math.exp(p[a] - max);
            sum += p[a];
        }
        for (int a = 0; a < ACTIONS; a++) {
            p[a] /= sum;
        }
        return p;
    }

    public static double[] context(SplittableRandom r) {
        double[] x = new double[DIM];
        for (int d = 0; d < DIM; d++) {
            x[d] = gaussian(r);
        }
        return x;
    }

    public static final double LOGGER_BETA = 0.3;
    public static final double TARGET_BETA = 1.5;

}
