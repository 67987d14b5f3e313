package io.rewind.ope.slate;

import io.rewind.ope.LinearEstimator;

/**
 * Independent (item-position) IPS: each slot weighted by its own marginal ratio, V̂ = mean(Σ_k w_k r_k). Unbiased
 * when a slot's reward depends only on the item shown there. Li, Kim &amp; Zitouni (2018), "Offline evaluation of
 * ranking policies with click models".
 */
public final class IndependentIps extends LinearEstimator<SlateSample> {
    @Override
    public String name() {
        return "IIPS";
    }

    @Override
    protected double term(SlateSample s) {
        if (s.marginalRatios() == null) {
            throw new IllegalArgumentException("IIPS needs per-slot marginal probabilities; slate " + s.id()
                    + " has only conditional ones");
        }
        double v = 0;
        for (int k = 0; k < s.slotRewards().length; k++) {
            v += s.marginalRatios()[k] * s.slotRewards()[k];
        }
        return v;
    }
}
