package io.rewind.ope.multilogger;

import io.rewind.ope.Estimator;

/**
 * Each logger's own estimate (the mean of a per-round term over the rounds it logged), averaged across loggers with
 * weights n_k / D_k, where D_k = E_k[w²] = Σ_a π_e(a|x)² / π_k(a|x) averaged over logger k's contexts is the
 * divergence of the target from that logger, which bounds the variance of its estimate for rewards in [0, 1]:
 * V̂ = Σ_k (n_k/D_k) μ̂_k / Σ_k (n_k/D_k). A logger far from the target (large weights) counts for little. Agarwal,
 * Basu, Schnabel &amp; Joachims (2017), "Effective evaluation using logged bandit feedback from multiple loggers", KDD
 * ("weighted IPS"). D_k is taken from each round's full distributions where the logger logged its own
 * ({@link LoggerSample#divergence}), not from the sampled weights or rewards: weights from a logger's sample
 * variance of w·r, or from its sampled w², are smaller where that logger's estimate happens to be large, which
 * biases the average downwards (on {@code MultipleLoggersTest}'s two loggers, by 6% of the value).
 *
 * <p>Three terms per logger, so the estimate stays a function of means and merges like every other estimator: the
 * logger's indicator, the term on its rounds, and E[w²] on its rounds.
 */
public abstract class InverseVarianceWeighted extends Estimator<LoggerSample> {
    private final int loggers;

    protected InverseVarianceWeighted(int loggers) {
        if (loggers < 1) {
            throw new IllegalArgumentException("at least one logger, was " + loggers);
        }
        this.loggers = loggers;
    }

    /** The per-round term whose per-logger means are averaged. */
    protected abstract double term(LoggerSample s);

    public int loggers() {
        return loggers;
    }

    @Override
    public final int terms() {
        return 3 * loggers;
    }

    @Override
    public final void terms(LoggerSample s, double[] out) {
        if (s.logger() >= loggers) {
            throw new IllegalArgumentException("round " + s.id() + " is from logger " + s.logger() + ", but "
                    + name() + " was built for " + loggers);
        }
        java.util.Arrays.fill(out, 0, 3 * loggers, 0.0);
        out[3 * s.logger()] = 1;
        out[3 * s.logger() + 1] = term(s);
        out[3 * s.logger() + 2] = s.secondMoment();
    }

    @Override
    public final double value(double[] m) {
        // a logger whose logged actions the target never takes (every w = 0) weighs as the closest other logger
        double floor = Double.POSITIVE_INFINITY;
        for (int k = 0; k < loggers; k++) {
            if (m[3 * k] > 0 && m[3 * k + 2] > 0) {
                floor = Math.min(floor, m[3 * k + 2] / m[3 * k]);
            }
        }
        if (Double.isInfinite(floor)) {
            floor = 1;
        }
        double weighted = 0;
        double weights = 0;
        for (int k = 0; k < loggers; k++) {
            double share = m[3 * k];
            if (share <= 0) {
                continue;
            }
            double divergence = Math.max(m[3 * k + 2] / share, floor);
            double lambda = share / divergence;
            weighted += lambda * m[3 * k + 1] / share;
            weights += lambda;
        }
        return weighted / weights;
    }

    /**
     * Central differences: the weights depend on the means through each logger's variance, and the closed form adds
     * nothing an interval needs.
     */
    @Override
    protected final double[] gradient(double[] m) {
        double[] g = new double[m.length];
        double[] x = m.clone();
        for (int i = 0; i < m.length; i++) {
            double h = 1e-6 * Math.max(Math.abs(m[i]), 1e-6);
            x[i] = m[i] + h;
            double up = value(x);
            x[i] = m[i] - h;
            double down = value(x);
            x[i] = m[i];
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }
}
