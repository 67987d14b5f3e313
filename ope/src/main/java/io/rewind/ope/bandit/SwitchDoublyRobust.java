package io.rewind.ope.bandit;

import io.rewind.ope.LinearEstimator;

/**
 * Switch-DR: the DR correction only where the weight is at most τ, the reward model alone elsewhere:
 * V̂ = mean(Σ_a π_e(a|x) q̂(x, a) + 1{w ≤ τ} · w · (r − q̂)).
 * Wang, Agarwal &amp; Dudík (2017), "Optimal and adaptive off-policy evaluation in contextual bandits".
 */
public final class SwitchDoublyRobust extends LinearEstimator<BanditSample> {
    private final double tau;

    public SwitchDoublyRobust(double tau) {
        if (!(tau >= 0)) {
            throw new IllegalArgumentException("Switch-DR threshold must be >= 0: " + tau);
        }
        this.tau = tau;
    }

    @Override
    public String name() {
        return "SwitchDR(tau=" + tau + ")";
    }

    @Override
    protected double term(BanditSample s) {
        double w = s.weight();
        return s.dmValue() + (w <= tau ? w * (s.reward() - s.qHat()) : 0);
    }
}
