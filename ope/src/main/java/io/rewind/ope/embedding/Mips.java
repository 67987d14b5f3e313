package io.rewind.ope.embedding;

import io.rewind.ope.LinearEstimator;

/**
 * Marginalized IPS: V̂ = mean(w(x, e) · r), w(x, e) = p(e|x, π_e) / p(e|x, π_b), the importance weight of the chosen
 * action's embedding. Unbiased when the reward depends on the action only through its embedding and every
 * embedding the target reaches the logger reached too. Saito &amp; Joachims (2022), "Off-policy evaluation for large
 * action spaces via embeddings", ICML.
 */
public final class Mips extends LinearEstimator<EmbeddingSample> {
    @Override
    public String name() {
        return "MIPS";
    }

    @Override
    protected double term(EmbeddingSample s) {
        return s.weight() * s.reward();
    }

    @Override
    protected boolean bernsteinApplies() {
        return true;
    }
}
