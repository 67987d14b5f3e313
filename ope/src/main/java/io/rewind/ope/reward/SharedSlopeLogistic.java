package io.rewind.ope.reward;

import java.util.List;

/**
 * One logistic regression over all actions: logit(a, x) = α_a + (b + δ_a)·x, a slope b shared by the actions and a
 * per-action deviation δ_a shrunk towards it by an L2 penalty λ (α and b get a small ridge {@code 1e-4}). Between
 * a pooled model (λ → ∞) and {@link PerActionLogistic} (λ → 0): actions with few logged rows borrow the shared
 * slope instead of fitting their own from a handful of examples (Gelman & Hill 2007, ch. 12, partial pooling).
 * Fitted by Newton's method (IRLS). Rewards in [0, 1].
 */
public final class SharedSlopeLogistic implements RewardModel {
    private static final double SMALL_RIDGE = 1e-4;
    private final int actions;
    private final int dim;
    private final double[] beta;

    private SharedSlopeLogistic(int actions, int dim, double[] beta) {
        this.actions = actions;
        this.dim = dim;
        this.beta = beta;
    }

    public static SharedSlopeLogistic fit(List<PerActionLogistic.Example> data, int actions, double lambda) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no examples to fit the reward model on");
        }
        int dim = data.get(0).x().length;
        int p = actions + dim + actions * dim;
        double[] beta = new double[p];
        double[] penalty = new double[p];
        for (int j = 0; j < p; j++) {
            penalty[j] = j < actions + dim ? SMALL_RIDGE : lambda;
        }
        // a row of action a has the features [1, x] at a's intercept, at the shared slope and at a's deviation, so
        // its Hessian and gradient terms are those of [1, x] alone, summed per action and placed once per step
        int q = 1 + dim;
        double[][] perActionH = new double[actions][q * q];
        double[][] perActionG = new double[actions][q];
        for (int iter = 0; iter < 30; iter++) {
            for (int a = 0; a < actions; a++) {
                java.util.Arrays.fill(perActionH[a], 0);
                java.util.Arrays.fill(perActionG[a], 0);
            }
            for (PerActionLogistic.Example e : data) {
                int a = e.action();
                double[] x = e.x();
                double z = beta[a];
                for (int j = 0; j < dim; j++) {
                    z += (beta[actions + j] + beta[actions + dim + a * dim + j]) * x[j];
                }
                double prob = sigmoid(z);
                double s = prob * (1 - prob);
                double err = prob - e.reward();
                double[] ha = perActionH[a];
                double[] ga = perActionG[a];
                ga[0] += err;
                ha[0] += s;
                for (int l = 1; l < q; l++) {
                    ha[l] += s * x[l - 1];
                }
                for (int k = 1; k < q; k++) { // the upper triangle
                    double vk = x[k - 1];
                    ga[k] += err * vk;
                    double svk = s * vk;
                    for (int l = k; l < q; l++) {
                        ha[k * q + l] += svk * x[l - 1];
                    }
                }
            }
            double[][] h = new double[p][p];
            double[] g = new double[p];
            for (int j = 0; j < p; j++) {
                h[j][j] = penalty[j];
                g[j] = penalty[j] * beta[j];
            }
            for (int a = 0; a < actions; a++) {
                place(perActionH[a], perActionG[a], a, actions, dim, h, g);
            }
            if (NewtonStep.apply(h, g, beta) < 1e-8) {
                break;
            }
        }
        return new SharedSlopeLogistic(actions, dim, beta);
    }

    /**
     * Fits with the penalty from {@code lambdas} that has the lowest log-loss under {@code k}-fold cross-validation on
     * {@code data} (rows assigned to inner folds by position), then refits on all of {@code data} with it.
     */
    public static SharedSlopeLogistic fitCrossValidated(List<PerActionLogistic.Example> data, int actions,
                                                        double[] lambdas, int k) {
        double best = Double.POSITIVE_INFINITY;
        double chosen = lambdas[0];
        for (double lambda : lambdas) {
            double loss = 0;
            for (int f = 0; f < k; f++) {
                List<PerActionLogistic.Example> train = new java.util.ArrayList<>();
                List<PerActionLogistic.Example> held = new java.util.ArrayList<>();
                for (int i = 0; i < data.size(); i++) {
                    (i % k == f ? held : train).add(data.get(i));
                }
                SharedSlopeLogistic m = fit(train, actions, lambda);
                for (PerActionLogistic.Example e : held) {
                    double p = Math.min(1 - 1e-12, Math.max(1e-12, m.predict(e.x())[e.action()]));
                    loss -= e.reward() * Math.log(p) + (1 - e.reward()) * Math.log(1 - p);
                }
            }
            if (loss < best) {
                best = loss;
                chosen = lambda;
            }
        }
        return fit(data, actions, chosen);
    }

    /**
     * Adds one action's sums over [1, x] to the model's Hessian and gradient: every pair of the action's positions
     * (its intercept, the shared slope, its deviation) whose features are the pair's entries of [1, x].
     */
    private static void place(double[] ha, double[] ga, int a, int actions, int dim, double[][] h, double[] g) {
        int q = 1 + dim;
        int[][] at = new int[q][];
        at[0] = new int[] {a};
        for (int j = 0; j < dim; j++) {
            at[1 + j] = new int[] {actions + j, actions + dim + a * dim + j};
        }
        for (int k = 0; k < q; k++) {
            for (int pk : at[k]) {
                g[pk] += ga[k];
                for (int l = 0; l < q; l++) {
                    double v = ha[Math.min(k, l) * q + Math.max(k, l)];
                    for (int pl : at[l]) {
                        h[pk][pl] += v;
                    }
                }
            }
        }
    }

    @Override
    public double[] predict(double[] x) {
        double[] out = new double[actions];
        for (int a = 0; a < actions; a++) {
            double z = beta[a];
            for (int j = 0; j < dim; j++) {
                z += (beta[actions + j] + beta[actions + dim + a * dim + j]) * x[j];
            }
            out[a] = sigmoid(z);
        }
        return out;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
