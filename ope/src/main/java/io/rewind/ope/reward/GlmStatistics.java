package io.rewind.ope.reward;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * One Newton step's statistics for every model of a {@link CrossFittedGlm}: per model and per key (an arm, or one
 * shared key) the Hessian Σ w·zzᵀ and the gradient Σ (μ − y)·z of the log-likelihood at the model's current
 * coefficients, plus the count and reward sum behind each model's fallback. A row adds to every model but its own
 * fold's. Two of these merge by addition, so partitions are summarised anywhere and combined in any order.
 */
public final class GlmStatistics implements Serializable {
    private final CrossFittedGlm model;
    private final int dim;
    /** Per model: key → [Hessian's upper triangle, row-major d×d | gradient d]. */
    private final Map<String, double[]>[] blocks;
    /** Per model: [rows, reward sum]. */
    private final double[][] totals;

    @SuppressWarnings("unchecked")
    GlmStatistics(CrossFittedGlm model) {
        this.model = model;
        this.dim = model.dim();
        this.blocks = new Map[model.folds()];
        this.totals = new double[model.folds()][2];
        for (int m = 0; m < blocks.length; m++) {
            blocks[m] = new HashMap<>();
        }
    }

    /** Adds one logged row: its fold, its key, its features z (length {@code dim}) and its reward. */
    public GlmStatistics add(int fold, String key, double[] z, double y) {
        if (z.length != dim) {
            throw new IllegalArgumentException("reward model: " + z.length + " features, expected " + dim);
        }
        for (int m = 0; m < blocks.length; m++) {
            if (m == fold) {
                continue;
            }
            double mu = model.link().mean(model.linear(m, key, z));
            double w = model.link().weight(mu);
            double[] b = blocks[m].computeIfAbsent(key, k -> new double[dim * dim + dim]);
            for (int i = 0; i < dim; i++) {
                double wz = w * z[i];
                if (wz != 0) {
                    int row = i * dim;
                    for (int j = i; j < dim; j++) {
                        b[row + j] += wz * z[j];
                    }
                }
                b[dim * dim + i] += (mu - y) * z[i];
            }
            totals[m][0]++;
            totals[m][1] += y;
        }
        return this;
    }

    public GlmStatistics merge(GlmStatistics o) {
        for (int m = 0; m < blocks.length; m++) {
            for (Map.Entry<String, double[]> e : o.blocks[m].entrySet()) {
                double[] mine = blocks[m].get(e.getKey());
                if (mine == null) {
                    blocks[m].put(e.getKey(), e.getValue().clone());
                } else {
                    double[] theirs = e.getValue();
                    for (int i = 0; i < mine.length; i++) {
                        mine[i] += theirs[i];
                    }
                }
            }
            totals[m][0] += o.totals[m][0];
            totals[m][1] += o.totals[m][1];
        }
        return this;
    }

    Map<String, double[]> blocks(int model) {
        return blocks[model];
    }

    long rows(int model) {
        return (long) totals[model][0];
    }

    double rewardSum(int model) {
        return totals[model][1];
    }
}
