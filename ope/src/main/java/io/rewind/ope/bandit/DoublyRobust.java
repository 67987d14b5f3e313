package io.rewind.ope.bandit;

import io.rewind.ope.Estimator;

/**
 * Doubly robust: V̂ = mean(Σ_a π_e(a|x) q̂(x, a) + w · (r − q̂(x, a_logged))).
 * Dudík, Langford &amp; Li (2011), "Doubly robust policy evaluation and learning".
 */
public final class DoublyRobust extends Estimator<BanditSample> {
    @Override
    public String name() {
        return "DR";
    }

    @Override
    public int terms() {
        return 1;
    }

    @Override
    public void terms(BanditSample s, double[] out) {
        out[0] = s.dmValue() + s.weight() * (s.reward() - s.qHat());
    }

    @Override
    public double value(double[] m) {
        return m[0];
    }

    @Override
    protected double[] gradient(double[] m) {
        return new double[] {1};
    }
}
