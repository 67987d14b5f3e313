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
            s += theta[i] * phi[i];
        }
        return s;
    }

    /** √(φᵀ A⁻¹ φ). */
    public double width(double[] phi) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            if (phi[i] == 0) {
                continue;
            }
            double row = 0;
            for (int j = 0; j < d; j++) {
                row += inverse[i][j] * phi[j];
            }
            s += phi[i] * row;
        }
        return Math.sqrt(Math.max(s, 0));
    }

    /** Adds one observation with importance weight w. */
    public void update(double[] phi, double reward, double w) {
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += inverse[i][j] * phi[j];
            }
            u[i] = s;
        }
        double denom = 1 / w;
        for (int i = 0; i < d; i++) {
            denom += phi[i] * u[i];
        }
        for (int i = 0; i < d; i++) {
            if (u[i] == 0) {
                continue;
            }
            double ui = u[i] / denom;
            for (int j = 0; j < d; j++) {
                inverse[i][j] -= ui * u[j];
            }
        }
        for (int i = 0; i < d; i++) {
            b[i] += w * reward * phi[i];
        }
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += inverse[i][j] * b[j];
            }
            theta[i] = s;
        }
    }
}
