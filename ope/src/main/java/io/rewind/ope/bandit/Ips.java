package io.rewind.ope.bandit;

import io.rewind.ope.LinearEstimator;

/**
 * Inverse propensity scoring: V̂ = mean(min(w, M) · r), w = π_e(a|x)/π_b(a|x), with optional clipping at M.
 * Horvitz &amp; Thompson (1952); for policy evaluation Precup, Sutton &amp; Singh (2000); clipping Ionides (2008),
 * Bottou et al. (2013) "Counterfactual reasoning and learning systems".
 */
public final class Ips extends LinearEstimator<BanditSample> {
    private final double clipAt;

    public Ips() {
        this(Double.POSITIVE_INFINITY);
    }

    public Ips(double clipAt) {
        if (!(clipAt > 0)) {
            throw new IllegalArgumentException("IPS clipping threshold must be > 0: " + clipAt);
        }
        this.clipAt = clipAt;
    }

    @Override
    public String name() {
        return Double.isInfinite(clipAt) ? "IPS" : "IPS(clip=" + clipAt + ")";
    }

    @Override
    protected double term(BanditSample s) {
        return Math.min(s.weight(), clipAt) * s.reward();
    }

    @Override
    protected boolean bernsteinApplies() {
        return true;
    }
}
