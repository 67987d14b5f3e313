package io.rewind.ope.reward;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealVector;

/** One Newton step of a penalised logistic regression: beta -= H⁻¹ g, by Cholesky. */
final class NewtonStep {
    private NewtonStep() {
    }

    /** Updates {@code beta} in place and returns the largest change of a coefficient. */
    static double apply(double[][] hessian, double[] gradient, double[] beta) {
        RealVector step = new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false), 1e-9, 1e-10)
                .getSolver().solve(new ArrayRealVector(gradient, false));
        double change = 0;
        for (int j = 0; j < beta.length; j++) {
            beta[j] -= step.getEntry(j);
            change = Math.max(change, Math.abs(step.getEntry(j)));
        }
        return change;
    }
}
