package io.rewind.ope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.ope.slate.PlackettLuce;
import org.junit.jupiter.api.Test;

class PlackettLuceTest {
    static final double[] P = {0.1, 0.4, 0.2, 0.25, 0.05};

    /** The probability of each full ranking of 5 items, summed per (item, position): 120 permutations. */
    static double[][] byPermutations() {
        double[][] m = new double[5][5];
        permute(new int[5], new boolean[5], 0, m);
        return m;
    }

    static void permute(int[] order, boolean[] used, int depth, double[][] m) {
        if (depth == 5) {
            double prob = 1;
            double left = 1;
            for (int j = 0; j < 5; j++) {
                prob *= P[order[j]] / left;
                left -= P[order[j]];
            }
            for (int j = 0; j < 5; j++) {
                m[order[j]][j] += prob;
            }
            return;
        }
        for (int i = 0; i < 5; i++) {
            if (!used[i]) {
                used[i] = true;
                order[depth] = i;
                permute(order, used, depth + 1, m);
                used[i] = false;
            }
        }
    }

    @Test
    void marginalsMatchTheSumOverAllRankings() {
        double[][] expected = byPermutations();
        for (int item = 0; item < 5; item++) {
            for (int pos = 0; pos < 5; pos++) {
                assertEquals(expected[item][pos], PlackettLuce.marginal(P, item, pos), 1e-12, item + "@" + pos);
            }
        }
        double[] scaled = {1, 4, 2, 2.5, 0.5};
        assertEquals(expected[3][2], PlackettLuce.marginal(scaled, 3, 2), 1e-12, "unnormalised weights");
    }

    @Test
    void exactOnlyWhereThePrefixesAreFew() {
        assertTrue(PlackettLuce.exactFeasible(100, 3));
        assertTrue(PlackettLuce.exactFeasible(20, 5));
        assertFalse(PlackettLuce.exactFeasible(100, 5));
    }
}
