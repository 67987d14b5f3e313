package io.rewind.ope.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SnipsSensitivityTest {

    /** A ratio of linear functions over a box is extreme at a vertex: every one of the 2^n weight choices. */
    private static double[] bruteForce(double gamma, double[] r, double[] t, double[] p, boolean[] fitted) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = r.length;
        for (int mask = 0; mask < 1 << n; mask++) {
            double num = 0;
            double den = 0;
            for (int i = 0; i < n; i++) {
                double odds = (1 - p[i]) / p[i];
                double inverse = !fitted[i] ? 1 / p[i] : 1 + ((mask >> i & 1) == 1 ? gamma * odds : odds / gamma);
                num += t[i] * inverse * r[i];
                den += t[i] * inverse;
            }
            min = Math.min(min, num / den);
            max = Math.max(max, num / den);
        }
        return new double[] {min, max};
    }

    @Test
    void boundsEqualTheExtremesOverEveryVertexOfTheBox() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 40; trial++) {
            int n = 3 + rng.nextInt(12);
            double[] r = new double[n];
            double[] t = new double[n];
            double[] p = new double[n];
            boolean[] fitted = new boolean[n];
            for (int i = 0; i < n; i++) {
                r[i] = trial % 2 == 0 ? rng.nextInt(2) : rng.nextGaussian();
                t[i] = rng.nextInt(5) == 0 ? 0 : rng.nextDouble();
                p[i] = 0.02 + 0.96 * rng.nextDouble();
                fitted[i] = rng.nextInt(4) != 0;
            }
            t[0] = 0.5;
            double gamma = 1 + 3 * rng.nextDouble();
            double snips = SnipsSensitivity.of(1, 0, r, t, p, fitted).upper();
            SnipsSensitivity.Bounds b = SnipsSensitivity.of(gamma, snips, r, t, p, fitted);
            double[] expected = bruteForce(gamma, r, t, p, fitted);
            assertEquals(expected[0], b.lower(), 1e-12, "trial " + trial + " lower");
            assertEquals(expected[1], b.upper(), 1e-12, "trial " + trial + " upper");
            assertTrue(b.contains(snips) && b.steps() < 20, b.toString());
        }
    }

    @Test
    void gammaOneIsSnipsAndLoggedPropensitiesDoNotMove() {
        double[] r = {1, 0, 1, 0.5};
        double[] t = {0.9, 0.1, 0.3, 0.6};
        double[] p = {0.5, 0.25, 0.4, 0.2};
        double snips = (0.9 / 0.5 + 0.3 / 0.4 + 0.5 * 0.6 / 0.2) / (0.9 / 0.5 + 0.1 / 0.25 + 0.3 / 0.4 + 0.6 / 0.2);
        SnipsSensitivity.Bounds one = SnipsSensitivity.of(1, 0, r, t, p, new boolean[] {true, true, true, true});
        assertEquals(snips, one.lower(), 1e-15);
        assertEquals(snips, one.upper(), 1e-15);
        SnipsSensitivity.Bounds logged = SnipsSensitivity.of(3, snips, r, t, p, new boolean[4]);
        assertEquals(snips, logged.lower(), 1e-15);
        assertEquals(snips, logged.upper(), 1e-15);
        SnipsSensitivity.Bounds wide = SnipsSensitivity.of(3, snips, r, t, p, new boolean[] {true, true, true, true});
        assertTrue(wide.lower() < snips - 0.05 && wide.upper() > snips + 0.05, wide.toString());
    }
}
