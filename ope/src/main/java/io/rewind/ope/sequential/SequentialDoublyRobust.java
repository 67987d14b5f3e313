package io.rewind.ope.sequential;

import io.rewind.ope.Estimator;

/**
 * Sequential doubly robust, computed backwards through each episode:
 * V_T = 0, V_t = V̂(s_t) + ρ_t (r_t + γ V_{t+1} − Q̂(s_t, a_t)); V̂ = mean over episodes of V_0.
 * Jiang &amp; Li (2016), "Doubly robust off-policy value evaluation for reinforcement learning".
 */
public final class SequentialDoublyRobust extends Estimator<EpisodeSample> {
    private final double gamma;

    public SequentialDoublyRobust(double gamma) {
        this.gamma = gamma;
    }

    @Override
    public String name() {
        return "SDR";
    }

    @Override
    public int terms() {
        return 1;
    }

    @Override
    public void terms(EpisodeSample e, double[] out) {
        double v = 0;
        for (int t = e.length() - 1; t >= 0; t--) {
            v = e.vHat()[t] + e.ratios()[t] * (e.rewards()[t] + gamma * v - e.qHat()[t]);
        }
        out[0] = v;
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
