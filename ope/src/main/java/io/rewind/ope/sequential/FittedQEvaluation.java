package io.rewind.ope.sequential;

import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;

/**
 * Fitted Q evaluation (Le, Voloshin &amp; Yue 2019, "Batch policy learning under constraints"): the target
 * policy's action values by repeated regression, Q_{k+1}(s, a) ← r + γ Σ_a' π(a'|s') Q_k(s', a') (0 after the
 * last step), with a linear model per action on features φ(s) and ridge regularisation. The design matrix is the
 * same every iteration, so it is factored once.
 */
public final class FittedQEvaluation {
    /** One logged step: its state, action, reward, the next state (null at the end) and π at the next state. */
    public record Transition(double[] state, int action, double reward, double[] next, double[] targetNext) {
    }

    private final double[][] weights;
    private final Function<double[], double[]> features;

    private FittedQEvaluation(double[][] weights, Function<double[], double[]> features) {
        this.weights = weights;
        this.features = features;
    }

    public static FittedQEvaluation fit(List<Transition> data, int actions, Function<double[], double[]> features,
                                        double gamma, int iterations, double ridge) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("fitted Q evaluation needs at least one transition");
        }
        int d = features.apply(data.get(0).state()).length;
        DecompositionSolver[] solvers = new DecompositionSolver[actions];
        for (int a = 0; a < actions; a++) {
            double[][] xtx = new double[d][d];
            for (Transition t : data) {
                if (t.action() != a) {
                    continue;
                }
                double[] f = features.apply(t.state());
                for (int i = 0; i < d; i++) {
                    for (int j = i; j < d; j++) {
                        xtx[i][j] += f[i] * f[j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                xtx[i][i] += ridge;
                for (int j = 0; j < i; j++) {
                    xtx[i][j] = xtx[j][i];
                }
            }
            solvers[a] = new CholeskyDecomposition(new Array2DRowRealMatrix(xtx, false)).getSolver();
        }
        double[][] w = new double[actions][d];
        FittedQEvaluation q = new FittedQEvaluation(w, features);
        for (int k = 0; k < iterations; k++) {
            double[][] xty = new double[actions][d];
            for (Transition t : data) {
                double y = t.reward() + (t.next() == null ? 0 : gamma * q.value(t.next(), t.targetNext()));
                double[] f = features.apply(t.state());
                for (int i = 0; i < d; i++) {
                    xty[t.action()][i] += f[i] * y;
                }
            }
            double[][] next = new double[actions][];
            for (int a = 0; a < actions; a++) {
                next[a] = solvers[a].solve(new ArrayRealVector(xty[a], false)).toArray();
            }
            q = new FittedQEvaluation(next, features);
        }
        return q;
    }

    /** A fitted model from its weights (one row per action) and features, e.g. fitted elsewhere from the sums. */
    public static FittedQEvaluation of(double[][] weights, Function<double[], double[]> features) {
        return new FittedQEvaluation(weights, features);
    }

    /**
     * One regression step from mergeable sums: per action, the Gram matrix Σ φφᵀ (row-major, d × d) and Σ φ·y; the
     * ridge penalty is added here. Spark sums both over any number of transitions; this solves them.
     */
    public static double[][] solve(double[][] gram, double[][] xty, int d, double ridge) {
        double[][] w = new double[gram.length][];
        for (int a = 0; a < gram.length; a++) {
            double[][] m = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    m[i][j] = gram[a][i * d + j] + (i == j ? ridge : 0);
                }
            }
            w[a] = new CholeskyDecomposition(new Array2DRowRealMatrix(m, false)).getSolver()
                    .solve(new ArrayRealVector(xty[a], false)).toArray();
        }
        return w;
    }

    public double q(double[] state, int action) {
        double[] f = features.apply(state);
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            s += weights[action][i] * f[i];
        }
        return s;
    }

    /** V(s) = Σ_a π(a|s) Q(s, a). */
    public double value(double[] state, double[] policy) {
        double v = 0;
        for (int a = 0; a < policy.length; a++) {
            if (policy[a] != 0) {
                v += policy[a] * q(state, a);
            }
        }
        return v;
    }

    /** Per-action linear features with an intercept: [1, s]. */
    public static double[] linear(double[] s) {
        double[] f = new double[s.length + 1];
        f[0] = 1;
        System.arraycopy(s, 0, f, 1, s.length);
        return f;
    }
}
