package io.rewind.ope.bandit;

import io.rewind.ope.SelfNormalized;

/**
 * Self-normalized IPS: V̂ = Σ w·r / Σ w. Swaminathan &amp; Joachims (2015), "The self-normalized estimator for
 * counterfactual learning".
 */
public final class Snips extends SelfNormalized<BanditSample> {
    @Override
    public String name() {
        return "SNIPS";
    }

    @Override
    protected double reward(BanditSample s) {
        return s.reward();
    }
}
