package io.rewind.ope.bandit;

import io.rewind.ope.Estimator;

/**
 * Self-normalized doubly robust: V̂ = mean(Σ_a π_e(a|x) q̂(x, a)) + Σ w·(r − q̂) / Σ w.
 * Kallus &amp; Uehara (2019), "Intrinsically efficient, stable, and bounded off-policy evaluation for reinforcement
 * learning"; the form of Open Bandit Pipeline's SNDR.
 */
public final class SelfNormalizedDoublyRobust extends Estimator<BanditSample> {
    @Override
    public String name() {
        return "SNDR";
    }

    @Override
    public int terms() {
        return 3;
    }

    @Override
    public void terms(BanditSample s, double[] out) {
        double w = s.weight();
        out[0] = s.dmValue();
        out[1] = w * (s.reward() - s.qHat());
        out[2] = w;
    }

    @Override
    public double value(double[] m) {
        return m[0] + m[1] / m[2];
    }

    @Override
    protected double[] gradient(double[] m) {
        return new double[] {1, 1 / m[2], -m[1] / (m[2] * m[2])};
    }
}
