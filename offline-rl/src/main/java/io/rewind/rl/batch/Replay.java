package io.rewind.rl.batch;

import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training transitions as one epoch at a time sees them: a sequence of chunks, each small enough to hold in memory,
 * in an order drawn from the epoch's random source. A learner shuffles within a chunk; a replay larger than memory
 * spreads its transitions over the chunks at random (by a hash), so that chunk order and in-chunk order together
 * stand in for a full shuffle, as a shuffle buffer does.
 */
public interface Replay {
    /** The chunks of one epoch, in an order drawn from {@code rng}. */
    Iterator<Transitions> epoch(SplittableRandom rng);

    /** Transitions in memory: one chunk. */
    static Replay of(Transitions all) {
        return rng -> List.of(all).iterator();
    }

    /** Indices {@code 0..n-1} in an order drawn from {@code rng} (Fisher–Yates, from the end). */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
