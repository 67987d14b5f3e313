package io.rewind.ope.sequential;

import io.rewind.ope.LinearEstimator;

/**
 * Sequential doubly robust, computed backwards through each episode:
 * V_T = 0, V_t = V̂(s_t) + ρ_t (r_t + γ V_{t+1} − Q̂(s_t, a_t)); V̂ = mean over episodes of V_0.
 * Jiang &amp; Li (2016), "Doubly robust off-policy value evaluation for reinforcement learning".
 */
public final class SequentialDoublyRobust extends LinearEstimator<EpisodeSample> {
    private final double gamma;

    public SequentialDoublyRobust(double gamma) {
        this.gamma = gamma;
    }

    @Override
    public String name() {
        return "SDR";
    }

    @Override
    protected double term(EpisodeSample e) {
        double v = 0;
        for (int t = e.length() - 1; t >= 0; t--) {
            v = e.vHat()[t] + e.ratios()[t] * (e.rewards()[t] + gamma * v - e.qHat()[t]);
        }
        return v;
    }
}
