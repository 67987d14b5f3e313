package io.rewind.ope;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Mergeable statistics of k per-row (or per-episode) terms: count, sums, cross-products, per-term range, and the
 * Poisson-bootstrap replicate sums. Two of these merge by addition, so partitions can be summarised anywhere and
 * combined in any order: the same estimator code runs in memory and as a Spark aggregation.
 */
public final class MomentStats implements Serializable {
    private final int k;
    private long n;
    private final double[] sum;
    private final double[] cross;
    private final double[] min;
    private final double[] max;
    /** Replicate b's sum of term i at [b * k + i]: one flat array, read in order by {@link #add}. */
    private final double[] replicateSum;
    private final double[] replicateCount;

    public MomentStats(int terms, int replicates) {
        this(terms, replicates, true);
    }

    /**
     * @param trackCovariance keep the k×k cross-products (for delta-method intervals); estimators with many terms
     *                        (per time step) turn it off and take their standard error from the bootstrap
     */
    public MomentStats(int terms, int replicates, boolean trackCovariance) {
        this.k = terms;
        this.sum = new double[terms];
        this.cross = trackCovariance ? new double[terms * terms] : null;
        this.min = new double[terms];
        this.max = new double[terms];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        this.replicateSum = new double[replicates * terms];
        this.replicateCount = new double[replicates];
    }

    /** Adds one row's terms; {@code poisson} holds its bootstrap weight in each replicate. */
    public void add(double[] terms, int[] poisson) {
        n++;
        for (int i = 0; i < k; i++) {
            double t = terms[i];
            sum[i] += t;
            if (cross != null) {
                for (int j = i; j < k; j++) {
                    cross[i * k + j] += t * terms[j];
                }
            }
            if (t < min[i]) {
                min[i] = t;
            }
            if (t > max[i]) {
                max[i] = t;
            }
        }
        if (k == 1) {
            double t = terms[0];
            for (int b = 0; b < replicateCount.length; b++) {
                int w = poisson[b];
                replicateCount[b] += w;
                replicateSum[b] += w * t;
            }
            return;
        }
        for (int b = 0, at = 0; b < replicateCount.length; b++, at += k) {
            int w = poisson[b];
            if (w != 0) {
                replicateCount[b] += w;
                for (int i = 0; i < k; i++) {
                    replicateSum[at + i] += w * terms[i];
                }
            }
        }
    }

    /** Adds another summary into this one and returns this. */
    public MomentStats merge(MomentStats o) {
        if (o.k != k || o.replicateCount.length != replicateCount.length) {
            throw new IllegalArgumentException("cannot merge statistics of different shapes");
        }
        n += o.n;
        for (int i = 0; i < k; i++) {
            sum[i] += o.sum[i];
            min[i] = Math.min(min[i], o.min[i]);
            max[i] = Math.max(max[i], o.max[i]);
        }
        if (cross != null) {
            for (int i = 0; i < cross.length; i++) {
                cross[i] += o.cross[i];
            }
        }
        for (int b = 0; b < replicateCount.length; b++) {
            replicateCount[b] += o.replicateCount[b];
        }
        for (int j = 0; j < replicateSum.length; j++) {
            replicateSum[j] += o.replicateSum[j];
        }
        return this;
    }

    public long n() {
        return n;
    }

    public int terms() {
        return k;
    }

    public boolean tracksCovariance() {
        return cross != null;
    }

    public int replicates() {
        return replicateCount.length;
    }

    public double[] means() {
        double[] m = new double[k];
        for (int i = 0; i < k; i++) {
            m[i] = sum[i] / n;
        }
        return m;
    }

    /** Sample covariance (divisor n - 1) of terms i and j. */
    public double covariance(int i, int j) {
        if (cross == null) {
            throw new IllegalStateException("covariances were not tracked for these statistics");
        }
        if (n < 2) {
            return Double.NaN;
        }
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        return (cross[a * k + b] - sum[a] * sum[b] / n) / (n - 1);
    }

    public double min(int term) {
        return min[term];
    }

    public double max(int term) {
        return max[term];
    }

    /** Term means in bootstrap replicate b (NaN for an empty replicate). */
    public double[] replicateMeans(int b) {
        double[] m = new double[k];
        for (int i = 0; i < k; i++) {
            m[i] = replicateSum[b * k + i] / replicateCount[b];
        }
        return m;
    }
}
