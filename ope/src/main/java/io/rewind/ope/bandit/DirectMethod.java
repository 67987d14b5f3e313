package io.rewind.ope.bandit;

import io.rewind.ope.LinearEstimator;

/**
 * Direct method: V̂ = mean(Σ_a π_e(a|x) q̂(x, a)), the reward model's value of the target policy.
 * Beygelzimer &amp; Langford (2009), "The offset tree for learning with partial labels".
 */
public final class DirectMethod extends LinearEstimator<BanditSample> {
    @Override
    public String name() {
        return "DM";
    }

    @Override
    protected double term(BanditSample s) {
        return s.dmValue();
    }
}
