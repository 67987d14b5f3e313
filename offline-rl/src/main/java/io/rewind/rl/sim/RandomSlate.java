package io.rewind.rl.sim;

import java.util.SplittableRandom;

/** The uniform-random baseline for top-k lists: k distinct candidates in random order. */
public final class RandomSlate {
    private RandomSlate() {
    }

    public static int[] draw(int candidates, int k, SplittableRandom r) {
        int[] all = new int[candidates];
        for (int i = 0; i < candidates; i++) {
            all[i] = i;
        }
        int[] out = new int[k];
        for (int j = 0; j < k; j++) {
            int pick = j + r.nextInt(candidates - j);
            int tmp = all[j];
            all[j] = all[pick];
            all[pick] = tmp;
            out[j] = all[j];
        }
        return out;
    }

    /** The probability of slot j's item given the slots above: 1 / (candidates − j). */
    public static double[] slotProbabilities(int candidates, int k) {
        double[] p = new double[k];
        for (int j = 0; j < k; j++) {
            p[j] = 1.0 / (candidates - j);
        }
        return p;
    }
}
