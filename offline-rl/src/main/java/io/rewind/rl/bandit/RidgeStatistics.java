package io.rewind.rl.bandit;

import java.io.Serializable;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The sufficient statistics of a block-wise ridge regression, Σ w φφᵀ and Σ w r φ per feature block, in the
 * update / merge shape of a sketch: rows are added on the executors, partitions merged in a tree, and the model
 * absorbed once by the model ({@link RidgeScorer#absorb}). Solving them gives the model a sequential pass of {@link RidgeScorer#update}
 * over the same rows reaches, in any order, up to rounding.
 */
public final class RidgeStatistics implements Serializable {
    private final int[] sizes;
    private final int[] starts;
    /** Each block's Σ w φφᵀ, row-major, and Σ w r φ. */
    private final double[][] gram;
    private final double[][] moment;

    public RidgeStatistics(int[] blockSizes) {
        this.sizes = blockSizes.clone();
        this.starts = new int[sizes.length + 1];
        this.gram = new double[sizes.length][];
        this.moment = new double[sizes.length][];
        for (int k = 0; k < sizes.length; k++) {
            starts[k + 1] = starts[k] + sizes[k];
            gram[k] = new double[sizes[k] * sizes[k]];
            moment[k] = new double[sizes[k]];
        }
    }

    /** Adds one weighted regression example; a weight of 0 or less adds nothing, as in a ridge update. */
    public void update(Phi phi, double reward, double w) {
        if (w <= 0) {
            return;
        }
        int k = RidgeScorer.blockOf(starts, phi);
        int n = sizes[k];
        int o = phi.offset() - starts[k];
        double[] v = phi.values();
        double[] g = gram[k];
        for (int i = 0; i < v.length; i++) {
            double wi = w * v[i];
            if (wi != 0) {
                int row = (o + i) * n + o;
                for (int j = 0; j < v.length; j++) {
                    g[row + j] += wi * v[j];
                }
                moment[k][o + i] += wi * reward;
            }
        }
    }

    /** Adds another partition's statistics to these; returns this. */
    public RidgeStatistics merge(RidgeStatistics other) {
        if (!java.util.Arrays.equals(sizes, other.sizes)) {
            throw new IllegalArgumentException("statistics of different feature blocks cannot be merged");
        }
        for (int k = 0; k < sizes.length; k++) {
            for (int i = 0; i < gram[k].length; i++) {
                gram[k][i] += other.gram[k][i];
            }
            for (int i = 0; i < moment[k].length; i++) {
                moment[k][i] += other.moment[k][i];
            }
        }
        return this;
    }

    int[] blockSizes() {
        return sizes.clone();
    }

    /** Block k's Σ w φφᵀ added to {@code prior}, a model's A for the block. */
    RealMatrix normalMatrix(int k, RealMatrix prior) {
        int n = sizes[k];
        RealMatrix a = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.setEntry(i, j, gram[k][i * n + j] + prior.getEntry(i, j));
            }
        }
        return a;
    }

    double[] moment(int k) {
        return moment[k];
    }

    /**
     * A block's A from its A⁻¹ (n × n, row-major): read off the diagonal when A⁻¹ is diagonal (a model not yet
     * trained), else inverted.
     */
    static RealMatrix fromInverse(double[] inv, int n) {
        RealMatrix m = new Array2DRowRealMatrix(n, n);
        if (isDiagonal(inv, n)) {
            for (int i = 0; i < n; i++) {
                m.setEntry(i, i, 1 / inv[i * n + i]);
            }
            return m;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m.setEntry(i, j, inv[i * n + j]);
            }
        }
        return inverse(m);
    }

    private static boolean isDiagonal(double[] matrix, int n) {
        for (int i = 0; i < matrix.length; i++) {
            if (matrix[i] != 0 && i / n != i % n) {
                return false;
            }
        }
        return true;
    }

    /**
     * The inverse of a block's A (or of its A⁻¹), symmetric positive definite up to rounding: by Cholesky on its
     * symmetric part (a third of LU's factoring work), by LU if rounding left it not positive definite.
     */
    static RealMatrix inverse(RealMatrix a) {
        int n = a.getRowDimension();
        double[][] sym = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = (a.getEntry(i, j) + a.getEntry(j, i)) / 2;
                sym[i][j] = v;
                sym[j][i] = v;
            }
        }
        try {
            RealMatrix l = new CholeskyDecomposition(new Array2DRowRealMatrix(sym, false), 0, 0).getL();
            return new Array2DRowRealMatrix(inverseFromCholesky(l.getData()), false);
        } catch (NonPositiveDefiniteMatrixException e) {
            return new LUDecomposition(a).getSolver().getInverse();
        }
    }

    /**
     * A⁻¹ = L⁻ᵀL⁻¹ from A's Cholesky factor L (lower): L⁻¹ by forward substitution, then its Gram matrix, both row
     * by row. Written here because commons-math's solver inverts by solving n right-hand sides (2n³ operations);
     * this takes about 2n³/3, on contiguous rows.
     */
    static double[][] inverseFromCholesky(double[][] l) {
        int n = l.length;
        double[][] x = new double[n][]; // L⁻¹, row i of length i + 1
        for (int i = 0; i < n; i++) {
            double[] xi = new double[i + 1];
            for (int k = 0; k < i; k++) {
                double c = l[i][k];
                if (c != 0) {
                    double[] xk = x[k];
                    for (int j = 0; j <= k; j++) {
                        xi[j] += c * xk[j];
                    }
                }
            }
            double d = 1 / l[i][i];
            for (int j = 0; j < i; j++) {
                xi[j] *= -d;
            }
            xi[i] = d;
            x[i] = xi;
        }
        double[][] inv = new double[n][n];
        for (int k = 0; k < n; k++) {
            double[] xk = x[k];
            for (int i = 0; i <= k; i++) {
                double c = xk[i];
                if (c != 0) {
                    double[] row = inv[i];
                    for (int j = i; j <= k; j++) {
                        row[j] += c * xk[j];
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                inv[i][j] = inv[j][i];
            }
        }
        return inv;
    }
}
