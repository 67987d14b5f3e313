package io.rewind.ope.bandit;

import io.rewind.ope.Estimator;

/**
 * Direct method: V̂ = mean(Σ_a π_e(a|x) q̂(x, a)), the reward model's value of the target policy.
 * Beygelzimer &amp; Langford (2009), "The offset tree for learning with partial labels".
 */
public final class DirectMethod extends Estimator<BanditSample> {
    @Override
    public String name() {
        return "DM";
    }

    @Override
    public int terms() {
        return 1;
    }

    @Override
    public void terms(BanditSample s, double[] out) {
        out[0] = s.dmValue();
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
