package io.rewind.ope;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * An off-policy estimator written as a function of the means of a few per-sample terms. That shape is what makes
 * it mergeable: {@link MomentStats} of the terms can be computed over any partitioning and combined, and the same
 * two methods, {@link #estimate} and {@link #interval}, then give the value and its confidence interval.
 */
public abstract class Estimator<S extends OpeSample> implements Serializable {
    public abstract String name();

    /** How many terms one sample contributes. */
    public abstract int terms();

    /** Writes the sample's terms into {@code out}. */
    public abstract void terms(S sample, double[] out);

    /** The estimate as a function of the term means. */
    public abstract double value(double[] means);

    /** ∂value/∂means for the delta-method normal interval; null uses the bootstrap's standard error instead. */
    protected double[] gradient(double[] means) {
        return null;
    }

    /** Whether the statistics keep cross-products; off for estimators with a term per time step. */
    public boolean tracksCovariance() {
        return terms() <= 16;
    }

    /** True when the terms are bounded by construction (IPS-type), so the empirical Bernstein bound applies. */
    protected boolean bernsteinApplies() {
        return false;
    }

    public final double estimate(MomentStats stats) {
        return value(stats.means());
    }

    public Interval interval(MomentStats stats, double level, IntervalMethod method) {
        double v = estimate(stats);
        double z = new NormalDistribution().inverseCumulativeProbability((1 + level) / 2);
        switch (method) {
            case NORMAL: {
                double[] g = stats.tracksCovariance() ? gradient(stats.means()) : null;
                double se;
                if (g == null) {
                    se = bootstrapStandardError(stats);
                } else {
                    double var = 0;
                    for (int i = 0; i < g.length; i++) {
                        for (int j = 0; j < g.length; j++) {
                            var += g[i] * g[j] * stats.covariance(i, j);
                        }
                    }
                    se = Math.sqrt(Math.max(var, 0) / stats.n());
                }
                return new Interval(v - z * se, v + z * se, level, "normal");
            }
            case BOOTSTRAP: {
                double[] values = replicateValues(stats);
                double alpha = (1 - level) / 2;
                return new Interval(quantile(values, alpha), quantile(values, 1 - alpha), level,
                        "poisson-bootstrap-" + values.length);
            }
            case BERNSTEIN: {
                if (!bernsteinApplies()) {
                    throw new IllegalArgumentException(name() + " has no empirical Bernstein bound;"
                            + " it applies to IPS-type estimators");
                }
                // Maurer & Pontil (2009), Theorem 4, two-sided at 1 - level; the range is the terms' observed range
                double delta = 1 - level;
                long n = stats.n();
                double range = stats.max(0) - stats.min(0);
                double log = Math.log(4 / delta);
                double half = Math.sqrt(2 * stats.covariance(0, 0) * log / n) + 7 * range * log / (3 * (n - 1));
                return new Interval(v - half, v + half, level, "empirical-bernstein");
            }
            default:
                throw new IllegalStateException(method.name());
        }
    }

    private double[] replicateValues(MomentStats stats) {
        double[] values = new double[stats.replicates()];
        int m = 0;
        for (int b = 0; b < values.length; b++) {
            double x = value(stats.replicateMeans(b));
            if (Double.isFinite(x)) {
                values[m++] = x;
            }
        }
        if (m == 0) {
            throw new IllegalStateException(name() + ": no bootstrap replicates (replicates = 0?)");
        }
        double[] out = Arrays.copyOf(values, m);
        Arrays.sort(out);
        return out;
    }

    private double bootstrapStandardError(MomentStats stats) {
        double[] values = replicateValues(stats);
        double mean = 0;
        for (double x : values) {
            mean += x;
        }
        mean /= values.length;
        double ss = 0;
        for (double x : values) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / Math.max(1, values.length - 1));
    }

    /** Linear interpolation between order statistics of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    @Override
    public String toString() {
        return name();
    }
}
