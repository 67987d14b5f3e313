package io.rewind.rl.bandit;

import java.io.Serializable;
import io.rewind.formats.Candidate;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Online ridge regression r ≈ θ·φ with A = λI + Σ w φφᵀ kept as its inverse (Sherman-Morrison), b = Σ w r φ.
 * Gives the mean score θ·φ and the width √(φᵀA⁻¹φ) that UCB and Thompson sampling use.
 *
 * <p>The features fall into blocks (the {@link FeatureMap}'s shared block and one per arm) and every φ lies inside
 * one block, so A⁻¹ stays block-diagonal: each block keeps its own inverse, and an update or a width costs the
 * square of the block's size, not of the whole dimension.
 */
public final class RidgeScorer implements Serializable {
    private final int d;
    /** Each block's first feature, then d. */
    private final int[] starts;
    /** Each block's A⁻¹, row-major. */
    private final double[][] inverses;
    private final double[] b;
    private final double[] theta;
    private transient double[] u;
    private transient int[] support;

    /** One block over all features. */
    public RidgeScorer(int dimension, double lambda) {
        this(new int[] {dimension}, lambda);
    }

    public RidgeScorer(int[] blockSizes, double lambda) {
        this.starts = new int[blockSizes.length + 1];
        this.inverses = new double[blockSizes.length][];
        for (int k = 0; k < blockSizes.length; k++) {
            int n = blockSizes[k];
            if (n < 1) {
                throw new IllegalArgumentException("feature block " + k + " has size " + n);
            }
            starts[k + 1] = starts[k] + n;
            inverses[k] = new double[n * n];
            for (int i = 0; i < n; i++) {
                inverses[k][i * n + i] = 1 / lambda;
            }
        }
        this.d = starts[blockSizes.length];
        this.b = new double[d];
        this.theta = new double[d];
    }

    /** The scorer's state, for saving: A⁻¹ (as one d × d matrix, zero between blocks), b and θ. */
    public record State(double[][] inverse, double[] b, double[] theta) {
    }

    public State state() {
        double[][] inv = new double[d][d];
        for (int k = 0; k < inverses.length; k++) {
            int s = starts[k];
            int n = size(k);
            for (int i = 0; i < n; i++) {
                System.arraycopy(inverses[k], i * n, inv[s + i], s, n);
            }
        }
        return new State(inv, b.clone(), theta.clone());
    }

    public void restore(State s) {
        if (s.theta().length != d) {
            throw new IllegalArgumentException("saved scorer has dimension " + s.theta().length + ", expected " + d);
        }
        for (int k = 0; k < inverses.length; k++) {
            int n = size(k);
            for (int i = 0; i < n; i++) {
                double[] row = s.inverse()[starts[k] + i];
                for (int j = 0; j < d; j++) {
                    if (row[j] != 0 && (j < starts[k] || j >= starts[k + 1])) {
                        throw new IllegalArgumentException("saved scorer links features " + (starts[k] + i)
                                + " and " + j + ", which are in different blocks of this model's features");
                    }
                }
                System.arraycopy(row, starts[k], inverses[k], i * n, n);
            }
        }
        System.arraycopy(s.b(), 0, b, 0, d);
        System.arraycopy(s.theta(), 0, theta, 0, d);
    }

    public int dimension() {
        return d;
    }

    public double mean(Phi phi) {
        return phi.dot(theta);
    }

    /** θ·φ of every candidate, without building their φ. */
    double[] means(FeatureMap features, double[] expandedContext, List<Candidate> cs) {
        return features.scores(theta, expandedContext, cs);
    }

    /** √(φᵀ A⁻¹ φ). */
    public double width(Phi phi) {
        int k = block(phi);
        int o = phi.offset() - starts[k];
        double[] v = phi.values();
        double[] t = new double[v.length];
        columns(inverses[k], size(k), o, v, o, t, v.length);
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] * t[i];
        }
        return Math.sqrt(Math.max(s, 0));
    }

    /**
     * √(φᵀA⁻¹φ) of every candidate; for candidates with features without building their φ: the shared block's A⁻¹
     * is folded with the context once ({@link FeatureMap#foldShared}) and their quadratic forms taken together
     * ({@link FeatureMap#foldedQuadratics}).
     */
    double[] widths(FeatureMap features, double[] expandedContext, List<Candidate> cs) {
        double[] out = new double[cs.size()];
        int[] featured = new int[out.length];
        int n = 0;
        double[] armBlock = null;
        for (int a = 0; a < out.length; a++) {
            Candidate c = cs.get(a);
            if (c.features() != null) {
                featured[n++] = a;
            } else {
                Phi phi = features.phiOfExpanded(c, expandedContext, armBlock);
                armBlock = phi.values();
                out[a] = width(phi);
            }
        }
        if (n > 0) {
            double[] q = features.foldedQuadratics(features.foldShared(inverses[0], expandedContext), cs, featured,
                    n);
            for (int i = 0; i < n; i++) {
                out[featured[i]] = Math.sqrt(Math.max(q[i], 0));
            }
        }
        return out;
    }

    /**
     * out[0, len) = (A⁻¹'s rows from {@code fromRow}) · φ's segment at column {@code o}, accumulated column by
     * column: A⁻¹ is symmetric, so column j is read as row j, contiguously, and each step is a vectorisable
     * out += v_j · row_j instead of a dot product bound by its additions' latency.
     */
    private static void columns(double[] inv, int n, int o, double[] v, int fromRow, double[] out, int len) {
        for (int j = 0; j < v.length; j++) {
            double vj = v[j];
            if (vj != 0) {
                int row = (o + j) * n + fromRow;
                for (int i = 0; i < len; i++) {
                    out[i] += vj * inv[row + i];
                }
            }
        }
    }

    /**
     * Adds one observation with importance weight w: Sherman-Morrison on the block's A⁻¹ and the recursive
     * least-squares step θ ← θ + A'⁻¹φ w (r − θ·φ), which equals A'⁻¹b'. Only the rows and columns where A⁻¹φ is
     * non-zero change.
     */
    public void update(Phi phi, double reward, double w) {
        if (w <= 0) {
            return;
        }
        int k = block(phi);
        int n = size(k);
        int start = starts[k];
        int o = phi.offset() - start;
        double[] v = phi.values();
        double[] inv = inverses[k];
        if (u == null || u.length < n) {
            u = new double[n];
            support = new int[n];
        }
        Arrays.fill(u, 0, n, 0);
        columns(inv, n, o, v, 0, u, n);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (u[i] != 0) {
                support[m++] = i;
            }
        }
        double denom = 1 / w;
        double predicted = 0;
        for (int i = 0; i < v.length; i++) {
            denom += v[i] * u[o + i];
            predicted += theta[phi.offset() + i] * v[i];
            b[phi.offset() + i] += w * reward * v[i];
        }
        if (m == n) {
            for (int i = 0; i < n; i++) {
                double ui = u[i] / denom;
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    inv[row + j] -= ui * u[j];
                }
            }
        } else {
            for (int a = 0; a < m; a++) {
                int i = support[a];
                double ui = u[i] / denom;
                int row = i * n;
                for (int c = 0; c < m; c++) {
                    int j = support[c];
                    inv[row + j] -= ui * u[j];
                }
            }
        }
        double step = (reward - predicted) / denom;
        for (int a = 0; a < m; a++) {
            int i = support[a];
            theta[start + i] += u[i] * step;
        }
    }

    private int size(int k) {
        return starts[k + 1] - starts[k];
    }

    /** The block that holds φ's segment. */
    private int block(Phi phi) {
        return blockOf(starts, phi);
    }

    /** The block, of those starting at {@code starts} (then the dimension), that holds φ's segment. */
    static int blockOf(int[] starts, Phi phi) {
        int k = Arrays.binarySearch(starts, 0, starts.length - 1, phi.offset());
        if (k < 0) {
            k = -k - 2;
        }
        if (phi.end() > starts[k + 1]) {
            throw new IllegalArgumentException("features " + phi.offset() + " to " + (phi.end() - 1)
                    + " cross the model's feature blocks (block " + k + " ends at " + (starts[k + 1] - 1) + ")");
        }
        return k;
    }

    /**
     * Learns, in one step, every example behind {@code statistics}: each block's A becomes its current A plus
     * Σ w φφᵀ, b adds Σ w r φ, and θ = A⁻¹b. The same model as updating with the examples one by one, in any order.
     */
    public void absorb(RidgeStatistics statistics) {
        if (!Arrays.equals(statistics.blockSizes(), blockSizes())) {
            throw new IllegalArgumentException("the statistics' feature blocks " + Arrays.toString(
                    statistics.blockSizes()) + " are not the model's " + Arrays.toString(blockSizes()));
        }
        for (int k = 0; k < inverses.length; k++) {
            int n = size(k);
            int s = starts[k];
            RealMatrix prior = RidgeStatistics.fromInverse(inverses[k], n);
            RealMatrix inv = RidgeStatistics.inverse(statistics.normalMatrix(k, prior));
            double[] moment = statistics.moment(k);
            for (int i = 0; i < n; i++) {
                b[s + i] += moment[i];
            }
            for (int i = 0; i < n; i++) {
                double t = 0;
                for (int j = 0; j < n; j++) {
                    double e = inv.getEntry(i, j);
                    inverses[k][i * n + j] = e;
                    t += e * b[s + j];
                }
                theta[s + i] = t;
            }
        }
    }

    private int[] blockSizes() {
        int[] sizes = new int[inverses.length];
        for (int k = 0; k < sizes.length; k++) {
            sizes[k] = size(k);
        }
        return sizes;
    }
}
