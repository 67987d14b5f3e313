package io.rewind.ope.reward;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A cross-fitted, L2-penalised generalized linear reward model (Chernozhukov et al. 2018): K models, model k fitted
 * on the rows of every fold but k, each with one coefficient block per key (an arm's own [1, x], or one shared key
 * for features that describe the action), fitted by Newton's method (IRLS). Each step needs only
 * {@link GlmStatistics} summed over the rows, so a pass over any partitioning of the data is one step, and no
 * row × candidate table is built. A row of fold k is scored by model k, which never saw it; a key model k has no
 * rows for predicts that model's mean reward.
 */
public final class CrossFittedGlm implements Serializable {
    private final Link link;
    private final double l2;
    private final int dim;
    private final List<Map<String, double[]>> coefficients;
    private final double[] fallback;
    private final long[] trainingRows;
    private final double change;
    private final int steps;

    private CrossFittedGlm(Link link, double l2, int dim, List<Map<String, double[]>> coefficients,
                           double[] fallback, long[] trainingRows, double change, int steps) {
        this.link = link;
        this.l2 = l2;
        this.dim = dim;
        this.coefficients = coefficients;
        this.fallback = fallback;
        this.trainingRows = trainingRows;
        this.change = change;
        this.steps = steps;
    }

    /** K models with all coefficients zero, before any step. */
    public static CrossFittedGlm start(Link link, double l2, int folds, int dim) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-fitting needs at least 2 folds, got " + folds);
        }
        if (!(l2 > 0)) {
            throw new IllegalArgumentException("the reward model's L2 penalty must be above 0: " + l2);
        }
        List<Map<String, double[]>> c = new ArrayList<>();
        for (int m = 0; m < folds; m++) {
            c.add(Map.of());
        }
        double[] fallback = new double[folds];
        java.util.Arrays.fill(fallback, link.mean(0));
        return new CrossFittedGlm(link, l2, dim, List.copyOf(c), fallback, new long[folds],
                Double.POSITIVE_INFINITY, 0);
    }

    /**
     * Newton steps until the largest coefficient change is under {@code tolerance} (one step for the identity link,
     * which it solves exactly), at most {@code maxSteps}.
     *
     * @param pass sums the statistics of every row at the given model's coefficients
     */
    public static CrossFittedGlm fit(Link link, double l2, int folds, int dim, int maxSteps, double tolerance,
                                     Function<CrossFittedGlm, GlmStatistics> pass) {
        CrossFittedGlm model = start(link, l2, folds, dim);
        do {
            model = model.step(pass.apply(model));
        } while (link != Link.IDENTITY && model.change >= tolerance && model.steps < maxSteps);
        return model;
    }

    public GlmStatistics newStatistics() {
        return new GlmStatistics(this);
    }

    /** The models after one Newton step from these coefficients with the statistics summed at them. */
    public CrossFittedGlm step(GlmStatistics s) {
        List<Map<String, double[]>> next = new ArrayList<>();
        double[] means = new double[folds()];
        long[] rows = new long[folds()];
        double largest = 0;
        for (int m = 0; m < folds(); m++) {
            Map<String, double[]> out = new HashMap<>();
            for (Map.Entry<String, double[]> e : s.blocks(m).entrySet()) {
                double[] beta = coefficients(m, e.getKey());
                beta = beta == null ? new double[dim] : beta.clone();
                largest = Math.max(largest, NewtonStep.apply(hessian(e.getValue()), gradient(e.getValue(), beta),
                        beta));
                out.put(e.getKey(), beta);
            }
            next.add(Collections.unmodifiableMap(out));
            rows[m] = s.rows(m);
            means[m] = rows[m] == 0 ? link.mean(0) : s.rewardSum(m) / rows[m];
        }
        return new CrossFittedGlm(link, l2, dim, List.copyOf(next), means, rows, largest, steps + 1);
    }

    private double[][] hessian(double[] block) {
        double[][] h = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                h[i][j] = block[i * dim + j];
                h[j][i] = block[i * dim + j];
            }
            h[i][i] += l2;
        }
        return h;
    }

    private double[] gradient(double[] block, double[] beta) {
        double[] g = new double[dim];
        for (int i = 0; i < dim; i++) {
            g[i] = block[dim * dim + i] + l2 * beta[i];
        }
        return g;
    }

    /** q̂ for a row of {@code fold}: the prediction of the model fitted without that fold. */
    public double predict(int fold, String key, double[] z) {
        return coefficients(fold, key) == null ? fallback[fold] : link.mean(linear(fold, key, z));
    }

    /** η = β·z of model {@code model} for {@code key}; 0 (zero coefficients) before its first step. */
    double linear(int model, String key, double[] z) {
        double[] beta = coefficients(model, key);
        double eta = 0;
        if (beta != null) {
            for (int i = 0; i < dim; i++) {
                eta += beta[i] * z[i];
            }
        }
        return eta;
    }

    /** Model {@code model}'s coefficients for {@code key}, or null when it had no rows with that key. */
    double[] coefficients(int model, String key) {
        return coefficients.get(model).get(key);
    }

    public Link link() {
        return link;
    }

    public int folds() {
        return coefficients.size();
    }

    public int dim() {
        return dim;
    }

    /** The rows model {@code model} was fitted on: every fold's but its own. */
    public long trainingRows(int model) {
        return trainingRows[model];
    }

    /** Newton steps taken, each one pass over the rows. */
    public int steps() {
        return steps;
    }

    /** The largest coefficient change of the last step. */
    public double change() {
        return change;
    }
}
