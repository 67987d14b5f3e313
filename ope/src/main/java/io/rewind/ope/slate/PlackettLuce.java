package io.rewind.ope.slate;

/**
 * Rankings drawn slot by slot without replacement in proportion to p (Plackett-Luce; what top-k sampling from a
 * policy's distribution does): the marginal probability that an item lands at a given position, which independent
 * IPS needs. Computed exactly by enumerating the ordered prefixes of other items above it, so only where those are
 * few ({@link #exactFeasible}).
 */
public final class PlackettLuce {
    /** Most prefixes enumerated for one marginal. */
    public static final long MAX_PREFIXES = 200_000;

    private PlackettLuce() {
    }

    /** Whether positions 0..depth−1 over n candidates are within {@link #MAX_PREFIXES}. */
    public static boolean exactFeasible(int candidates, int depth) {
        long prefixes = 1;
        for (int i = 0; i < depth - 1; i++) {
            prefixes *= Math.max(1, candidates - 1 - i);
            if (prefixes > MAX_PREFIXES) {
                return false;
            }
        }
        return true;
    }

    /** P(item at position) (0-based) when rankings are drawn from p (need not be normalised). */
    public static double marginal(double[] p, int item, int position) {
        double total = 0;
        for (double v : p) {
            total += v;
        }
        return prefixes(p, item, position, new boolean[p.length], 1.0, total);
    }

    private static double prefixes(double[] p, int item, int depth, boolean[] used, double prob, double left) {
        if (depth == 0) {
            return left > 0 ? prob * p[item] / left : 0;
        }
        double sum = 0;
        for (int b = 0; b < p.length; b++) {
            if (b == item || used[b] || p[b] == 0) {
                continue;
            }
            used[b] = true;
            sum += prefixes(p, item, depth - 1, used, prob * p[b] / left, left - p[b]);
            used[b] = false;
        }
        return sum;
    }
}
