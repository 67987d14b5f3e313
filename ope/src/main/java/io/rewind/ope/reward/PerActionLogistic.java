package io.rewind.ope.reward;

import java.util.List;

/**
 * One L2-regularised logistic regression per action on the context (plus an intercept), fitted by Newton's method
 * (IRLS). Rewards in [0, 1]. An action with no data predicts the overall mean reward.
 */
public final class PerActionLogistic implements RewardModel {
    private final double[][] weights;
    private final double fallback;

    private PerActionLogistic(double[][] weights, double fallback) {
        this.weights = weights;
        this.fallback = fallback;
    }

    /** A logged example: context, action, reward. */
    public record Example(double[] x, int action, double reward) {
    }

    public static PerActionLogistic fit(List<Example> data, int actions, double l2) {
        double mean = data.stream().mapToDouble(Example::reward).average().orElse(0.5);
        double[][] w = new double[actions][];
        for (int a = 0; a < actions; a++) {
            int action = a;
            List<Example> mine = data.stream().filter(e -> e.action() == action).toList();
            w[a] = mine.isEmpty() ? null : newton(mine, l2);
        }
        return new PerActionLogistic(w, mean);
    }

    private static double[] newton(List<Example> data, double l2) {
        int d = data.get(0).x().length + 1;
        double[] beta = new double[d];
        for (int iter = 0; iter < 25; iter++) {
            double[][] h = new double[d][d];
            double[] g = new double[d];
            for (int j = 0; j < d; j++) {
                h[j][j] = l2;
                g[j] = l2 * beta[j];
            }
            for (Example e : data) {
                double[] z = withIntercept(e.x());
                double p = sigmoid(dot(beta, z));
                double s = p * (1 - p);
                for (int i = 0; i < d; i++) {
                    g[i] += (p - e.reward()) * z[i];
                    for (int j = i; j < d; j++) {
                        h[i][j] += s * z[i] * z[j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < i; j++) {
                    h[i][j] = h[j][i];
                }
            }
            if (NewtonStep.apply(h, g, beta) < 1e-8) {
                break;
            }
        }
        return beta;
    }

    @Override
    public double[] predict(double[] x) {
        double[] z = withIntercept(x);
        double[] out = new double[weights.length];
        for (int a = 0; a < out.length; a++) {
            out[a] = weights[a] == null ? fallback : sigmoid(dot(weights[a], z));
        }
        return out;
    }

    private static double[] withIntercept(double[] x) {
        double[] z = new double[x.length + 1];
        z[0] = 1;
        System.arraycopy(x, 0, z, 1, x.length);
        return z;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
