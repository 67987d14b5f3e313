package io.rewind.ope.slate;

import io.rewind.ope.Estimator;

/**
 * Reward-interaction IPS for the cascade (top-down scanning) behaviour: the reward at slot k is weighted by the
 * ratio of the slots down to k, V̂ = mean(Σ_k (Π_{j≤k} ρ_j) r_k). McInerney, Brost, Chandar, Mehrotra &amp;
 * Carterette (2020), "Counterfactual evaluation of slate recommendations with sequential reward interactions".
 */
public final class RewardInteractionIps extends Estimator<SlateSample> {
    @Override
    public String name() {
        return "RIPS";
    }

    @Override
    public int terms() {
        return 1;
    }

    @Override
    public void terms(SlateSample s, double[] out) {
        double w = 1;
        double v = 0;
        for (int k = 0; k < s.slotRewards().length; k++) {
            w *= s.conditionalRatios()[k];
            v += w * s.slotRewards()[k];
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
