package io.rewind.ope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.ope.reward.CrossFitting;
import io.rewind.ope.reward.CrossFittedGlm;
import io.rewind.ope.reward.GlmStatistics;
import io.rewind.ope.reward.Link;
import io.rewind.ope.reward.PerActionLogistic;
import io.rewind.ope.reward.RewardModel;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The cross-fitted GLM fitted from summed statistics gives the models the in-memory fits give: per-arm logistic
 * regressions against {@link PerActionLogistic} through {@link CrossFitting}, and the identity link against ridge
 * regression solved directly; statistics summed over parts and merged equal those of one pass.
 */
class CrossFittedGlmTest {
    static final int FOLDS = 3;
    static final double L2 = 1.0;

    static int fold(int row) {
        return (int) (io.rewind.ope.PoissonBootstrap.mix(row) >>> 33) % FOLDS;
    }

    static double[] z(double[] x) {
        double[] z = new double[x.length + 1];
        z[0] = 1;
        System.arraycopy(x, 0, z, 1, x.length);
        return z;
    }

    static GlmStatistics pass(CrossFittedGlm model, List<PerActionLogistic.Example> data, int from, int to) {
        GlmStatistics s = model.newStatistics();
        for (int i = from; i < to; i++) {
            PerActionLogistic.Example e = data.get(i);
            s.add(fold(i), "arm-" + e.action(), z(e.x()), e.reward());
        }
        return s;
    }

    @Test
    void perArmLogisticEqualsTheInMemoryCrossFit() {
        List<PerActionLogistic.Example> data = SharedSlopeLogisticTest.sample(6_000, 3);
        // two parts merged, as partitions are
        CrossFittedGlm glm = CrossFittedGlm.fit(Link.LOGISTIC, L2, FOLDS, 3, 30, 1e-10,
                m -> pass(m, data, 0, 2_500).merge(pass(m, data, 2_500, data.size())));
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            rows.add(i);
        }
        List<RewardModel> direct = CrossFitting.fit(rows, FOLDS, CrossFittedGlmTest::fold,
                part -> PerActionLogistic.fit(part.stream().map(data::get).toList(), 3, L2));
        double worst = 0;
        for (int k = 0; k < FOLDS; k++) {
            for (double[] x : new double[][] {{0, 0}, {1.5, -1}, {-1.2, 1.8}}) {
                double[] p = direct.get(k).predict(x);
                for (int a = 0; a < 3; a++) {
                    worst = Math.max(worst, Math.abs(p[a] - glm.predict(k, "arm-" + a, z(x))));
                }
            }
        }
        assertTrue(worst < 1e-9, "largest difference from PerActionLogistic: " + worst);
        assertTrue(glm.steps() > 2 && glm.steps() < 30, "Newton steps: " + glm.steps());
    }

    @Test
    void identityLinkIsRidgeRegressionInOneStep() {
        List<PerActionLogistic.Example> data = SharedSlopeLogisticTest.sample(2_000, 4);
        CrossFittedGlm glm = CrossFittedGlm.fit(Link.IDENTITY, L2, FOLDS, 3, 30, 1e-10,
                m -> pass(m, data, 0, data.size()));
        assertEquals(1, glm.steps());
        for (int k = 0; k < FOLDS; k++) {
            for (int a = 0; a < 3; a++) {
                RealMatrix xtx = new Array2DRowRealMatrix(3, 3);
                ArrayRealVector xty = new ArrayRealVector(3);
                for (int i = 0; i < data.size(); i++) {
                    PerActionLogistic.Example e = data.get(i);
                    if (fold(i) == k || e.action() != a) {
                        continue;
                    }
                    ArrayRealVector v = new ArrayRealVector(z(e.x()));
                    xtx = xtx.add(v.outerProduct(v));
                    xty = xty.add(v.mapMultiply(e.reward()));
                }
                for (int j = 0; j < 3; j++) {
                    xtx.addToEntry(j, j, L2);
                }
                double[] beta = new LUDecomposition(xtx).getSolver().solve(xty).toArray();
                double[] x = {0.7, -0.3};
                double expected = beta[0] + beta[1] * x[0] + beta[2] * x[1];
                assertEquals(expected, glm.predict(k, "arm-" + a, z(x)), 1e-12);
            }
        }
    }

    @Test
    void aKeyWithoutTrainingRowsPredictsTheModelsMeanReward() {
        List<PerActionLogistic.Example> data = SharedSlopeLogisticTest.sample(900, 5);
        CrossFittedGlm glm = CrossFittedGlm.fit(Link.LOGISTIC, L2, FOLDS, 3, 30, 1e-8,
                m -> pass(m, data, 0, data.size()));
        for (int k = 0; k < FOLDS; k++) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < data.size(); i++) {
                if (fold(i) != k) {
                    sum += data.get(i).reward();
                    n++;
                }
            }
            assertEquals(sum / n, glm.predict(k, "never-logged", z(new double[] {1, 1})), 1e-12);
        }
    }
}
