package io.rewind.ope.bandit;

import io.rewind.ope.Estimator;

/**
 * Inverse propensity scoring: V̂ = mean(min(w, M) · r), w = π_e(a|x)/π_b(a|x), with optional clipping at M.
 * Horvitz &amp; Thompson (1952); for policy evaluation Precup, Sutton &amp; Singh (2000); clipping Ionides (2008),
 * Bottou et al. (2013) "Counterfactual reasoning and learning systems".
 */
public final class Ips extends Estimator<BanditSample> {
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
    public int terms() {
        return 1;
    }

    @Override
    public void terms(BanditSample s, double[] out) {
        out[0] = Math.min(s.weight(), clipAt) * s.reward();
    }

    @Override
    public double value(double[] m) {
        return m[0];
    }

    @Override
    protected double[] gradient(double[] m) {
        return new double[] {1};
    }

    @Override
    protected boolean bernsteinApplies() {
        return true;
    }
}
