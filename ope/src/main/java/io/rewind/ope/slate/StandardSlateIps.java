package io.rewind.ope.slate;

import io.rewind.ope.Estimator;

/**
 * Standard slate IPS: the whole slate's ratio times the slate's reward, V̂ = mean(Π_k ρ_k · Σ_k r_k). Unbiased for
 * any click model, with variance growing with k. Li, Kim &amp; Zitouni (2018) and McInerney et al. (2020) use it as
 * the baseline.
 */
public final class StandardSlateIps extends Estimator<SlateSample> {
    @Override
    public String name() {
        return "SlateIPS";
    }

    @Override
    public int terms() {
        return 1;
    }

    @Override
    public void terms(SlateSample s, double[] out) {
        double total = 0;
        for (double r : s.slotRewards()) {
            total += r;
        }
        out[0] = s.weight() * total;
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
