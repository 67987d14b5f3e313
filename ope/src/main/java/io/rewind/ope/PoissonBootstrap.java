package io.rewind.ope;

/**
 * Poisson(1) bootstrap weights drawn from a hash of (seed, row id, replicate): the same row gets the same weights
 * wherever and whenever it is read, so replicate sums computed in one pass over partitions are reproducible.
 * (Hanley & MacGibbon 2006; Chamandy et al. 2012, "Estimating uncertainty for massive data streams".)
 */
public final class PoissonBootstrap {
    private static final double[] CDF = new double[12];

    static {
        double p = Math.exp(-1);
        double c = 0;
        for (int k = 0; k < CDF.length; k++) {
            c += p;
            CDF[k] = c;
            p /= (k + 1);
        }
    }

    private PoissonBootstrap() {
    }

    /** Fills {@code out} with one Poisson(1) weight per replicate for this row. */
    public static void weights(long seed, long rowId, int[] out) {
        long h = mix(seed ^ mix(rowId));
        for (int b = 0; b < out.length; b++) {
            h = mix(h + 0x9E3779B97F4A7C15L);
            double u = (h >>> 11) * 0x1.0p-53;
            int k = 0;
            while (k < CDF.length - 1 && u >= CDF[k]) {
                k++;
            }
            out[b] = k;
        }
    }

    /** SplitMix64's finalizer. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
