package io.rewind.ope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.ope.reward.PerActionLogistic;
import io.rewind.ope.reward.SharedSlopeLogistic;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SharedSlopeLogisticTest {
    /** logit(a, x) = alpha[a] + (shared + deviation[a]) . x, 3 actions, 2 features. */
    static final double[] ALPHA = {-0.5, 0.2, 1.0};
    static final double[] SHARED = {0.8, -0.6};
    static final double[][] DEVIATION = {{0.4, 0.0}, {-0.3, 0.5}, {0.0, -0.4}};

    static double truth(double[] x, int a) {
        double z = ALPHA[a];
        for (int j = 0; j < x.length; j++) {
            z += (SHARED[j] + DEVIATION[a][j]) * x[j];
        }
        return 1 / (1 + Math.exp(-z));
    }

    static List<PerActionLogistic.Example> sample(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<PerActionLogistic.Example> data = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = {r.nextDouble() * 4 - 2, r.nextDouble() * 4 - 2};
            int a = r.nextInt(3);
            data.add(new PerActionLogistic.Example(x, a, r.nextDouble() < truth(x, a) ? 1 : 0));
        }
        return data;
    }

    @Test
    void aWeakPenaltyRecoversEachActionsOwnSlope() {
        SharedSlopeLogistic model = SharedSlopeLogistic.fit(sample(60_000, 1), 3, 1e-3);
        double worst = 0;
        for (double[] x : new double[][] {{0, 0}, {1.5, -1}, {-1.2, 1.8}, {2, 2}}) {
            double[] p = model.predict(x);
            for (int a = 0; a < 3; a++) {
                worst = Math.max(worst, Math.abs(p[a] - truth(x, a)));
            }
        }
        assertTrue(worst < 0.02, "largest error of the predicted reward probability: " + worst);
    }

    @Test
    void aStrongPenaltyPoolsTheSlopes() {
        SharedSlopeLogistic model = SharedSlopeLogistic.fit(sample(20_000, 2), 3, 1e9);
        // With the deviations shrunk to zero, the log-odds difference between two contexts is the same for every
        // action.
        double[] p = model.predict(new double[] {1, 1});
        double[] q = model.predict(new double[] {0, 0});
        double first = logit(p[0]) - logit(q[0]);
        for (int a = 1; a < 3; a++) {
            assertEquals(first, logit(p[a]) - logit(q[a]), 1e-4);
        }
    }

    @Test
    void crossValidationPrefersTheWellFittingPenalty() {
        List<PerActionLogistic.Example> data = sample(20_000, 3);
        List<PerActionLogistic.Example> test = sample(20_000, 4);
        SharedSlopeLogistic chosen = SharedSlopeLogistic.fitCrossValidated(data, 3, new double[] {1, 1e6}, 3);
        SharedSlopeLogistic pooled = SharedSlopeLogistic.fit(data, 3, 1e6);
        assertTrue(logLoss(chosen, test) < logLoss(pooled, test) - 1e-4 * test.size(),
                "the slopes differ by action, so the weak penalty wins on held-out data");
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    static double logLoss(SharedSlopeLogistic m, List<PerActionLogistic.Example> data) {
        double loss = 0;
        for (PerActionLogistic.Example e : data) {
            double p = m.predict(e.x())[e.action()];
            loss -= e.reward() * Math.log(p) + (1 - e.reward()) * Math.log(1 - p);
        }
        return loss;
    }
}
