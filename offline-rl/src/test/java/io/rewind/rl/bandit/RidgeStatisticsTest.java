package io.rewind.rl.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class RidgeStatisticsTest {

    /** A random symmetric positive definite matrix XᵀX + I, with some exact zeros below the diagonal of X. */
    private static RealMatrix spd(int n, Random rng) {
        double[][] x = new double[2 * n][n];
        for (double[] row : x) {
            for (int j = 0; j < n; j++) {
                row[j] = rng.nextInt(4) == 0 ? 0 : rng.nextGaussian();
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(x, false);
        RealMatrix a = m.transpose().multiply(m);
        for (int i = 0; i < n; i++) {
            a.addToEntry(i, i, 1);
        }
        return a;
    }

    @Test
    void inverseFromCholeskyEqualsLuInverse() {
        Random rng = new Random(7);
        for (int n : new int[] {1, 2, 7, 40}) {
            RealMatrix a = spd(n, rng);
            double[][] l = new CholeskyDecomposition(a).getL().getData();
            double[][] inverse = RidgeStatistics.inverseFromCholesky(l);
            RealMatrix expected = new LUDecomposition(a).getSolver().getInverse();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(expected.getEntry(i, j), inverse[i][j], 1e-10, "n = " + n + ", A⁻¹ at " + i + ", " + j);
                }
            }
        }
    }

    @Test
    void inverseFallsBackToLuWhenNotPositiveDefinite() {
        RealMatrix indefinite = new Array2DRowRealMatrix(new double[][] {{1, 2}, {2, 1}});
        RealMatrix inverse = RidgeStatistics.inverse(indefinite);
        RealMatrix product = indefinite.multiply(inverse);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(i == j ? 1 : 0, product.getEntry(i, j), 1e-12, "A·A⁻¹ at " + i + ", " + j);
            }
        }
    }
}
