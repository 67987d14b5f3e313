package io.rewind.ope.slate;

import io.rewind.ope.LinearEstimator;

/**
 * Standard slate IPS: the whole slate's ratio times the slate's reward, V̂ = mean(Π_k ρ_k · Σ_k r_k). Unbiased for
 * any click model, with variance growing with k. Li, Kim &amp; Zitouni (2018) and McInerney et al. (2020) use it as
 * the baseline.
 */
public final class StandardSlateIps extends LinearEstimator<SlateSample> {
    @Override
    public String name() {
        return "SlateIPS";
    }

    @Override
    protected double term(SlateSample s) {
        double total = 0;
        for (double r : s.slotRewards()) {
            total += r;
        }
        return s.weight() * total;
    }

    @Override
    protected boolean bernsteinApplies() {
        return true;
    }
}
