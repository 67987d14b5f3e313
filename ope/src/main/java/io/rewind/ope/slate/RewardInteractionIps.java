package io.rewind.ope.slate;

import io.rewind.ope.LinearEstimator;

/**
 * Reward-interaction IPS for the cascade (top-down scanning) behaviour: the reward at slot k is weighted by the
 * ratio of the slots down to k, V̂ = mean(Σ_k (Π_{j≤k} ρ_j) r_k). McInerney, Brost, Chandar, Mehrotra &amp;
 * Carterette (2020), "Counterfactual evaluation of slate recommendations with sequential reward interactions".
 */
public final class RewardInteractionIps extends LinearEstimator<SlateSample> {
    @Override
    public String name() {
        return "RIPS";
    }

    @Override
    protected double term(SlateSample s) {
        double w = 1;
        double v = 0;
        for (int k = 0; k < s.slotRewards().length; k++) {
            w *= s.conditionalRatios()[k];
            v += w * s.slotRewards()[k];
        }
        return v;
    }
}
