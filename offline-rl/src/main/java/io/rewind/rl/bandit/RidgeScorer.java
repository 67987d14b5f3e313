package io.rewind.rl.bandit;

import java.io.Serializable;

/**
 * Online ridge regression r ≈ θ·φ with A = λI + Σ w φφᵀ kept as its inverse (Sherman-Morrison), b = Σ w r φ.
 * Gives the mean score θ·φ and the width √(φᵀA⁻¹φ) that UCB and Thompson sampling use.
 */
public final class RidgeScorer implements Serializable {
    private final int d;
    private final double[][] inverse;
    private final double[] b;
    private final double[] theta;

    public RidgeScorer(int dimension, double lambda) {
        this.d = dimension;
        this.inverse = new double[d][d];
        for (int i = 0; i < d; i++) {
            inverse[i][i] = 1 / lambda;
        }
        this.b = new double[d];
        this.theta = new double[d];
    }

    /** The scorer's state, for saving: A⁻¹, b and θ. */
    public record State(double[][] inverse, double[] b, double[] theta) {
    }

    public State state() {
        double[][] inv = new double[d][];
        for (int i = 0; i < d; i++) {
            inv[i] = inverse[i].clone();
        }
        return new State(inv, b.clone(), theta.clone());
    }

    public void restore(State s) {
        if (s.theta().length != d) {
            throw new IllegalArgumentException("saved scorer has dimension " + s.theta().length + ", expected " + d);
        }
        for (int i = 0; i < d; i++) {
            System.arraycopy(s.inverse()[i], 0, inverse[i], 0, d);
        }
        System.arraycopy(s.b(), 0, b, 0, d);
        System.arraycopy(s.theta(), 0, theta, 0, d);
    }

    public double mean(double[] phi) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            if (phi[i] != 0) {
                s += theta[i] * phi[i];
            }
        }
        return s;
    }

    /** √(φᵀ A⁻¹ φ), over φ's non-zero entries only (per-arm blocks and one-hot contexts are sparse). */
    public double width(double[] phi) {
        int[] nz = nonZeros(phi);
        double s = 0;
        for (int i : nz) {
            double row = 0;
            for (int j : nz) {
                row += inverse[i][j] * phi[j];
            }
            s += phi[i] * row;
        }
        return Math.sqrt(Math.max(s, 0));
    }

    /**
     * Adds one observation with importance weight w: Sherman-Morrison on A⁻¹ and the recursive-least-squares step
     * θ ← θ + A'⁻¹φ w (r − θ·φ), which equals A'⁻¹b'. Only the rows and columns where A⁻¹φ is non-zero change.
     */
    public void update(double[] phi, double reward, double w) {
        if (w <= 0) {
            return;
        }
        int[] nz = nonZeros(phi);
        double[] u = new double[d];
        int[] support = new int[d];
        int m = 0;
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j : nz) {
                s += inverse[i][j] * phi[j];
            }
            if (s != 0) {
                u[i] = s;
                support[m++] = i;
            }
        }
        double denom = 1 / w;
        double predicted = 0;
        for (int i : nz) {
            denom += phi[i] * u[i];
            predicted += theta[i] * phi[i];
            b[i] += w * reward * phi[i];
        }
        for (int a = 0; a < m; a++) {
            int i = support[a];
            double ui = u[i] / denom;
            double[] row = inverse[i];
            for (int c = 0; c < m; c++) {
                int j = support[c];
                row[j] -= ui * u[j];
            }
        }
        double step = (reward - predicted) / denom;
        for (int a = 0; a < m; a++) {
            int i = support[a];
            theta[i] += u[i] * step;
        }
    }

    private int[] nonZeros(double[] phi) {
        int n = 0;
        for (int i = 0; i < d; i++) {
            if (phi[i] != 0) {
                n++;
            }
        }
        int[] nz = new int[n];
        n = 0;
        for (int i = 0; i < d; i++) {
            if (phi[i] != 0) {
                nz[n++] = i;
            }
        }
        return nz;
    }
}
