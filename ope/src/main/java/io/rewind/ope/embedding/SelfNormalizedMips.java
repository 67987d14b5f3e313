package io.rewind.ope.embedding;

import io.rewind.ope.SelfNormalized;

/**
 * Self-normalized marginalized IPS: V̂ = Σ w(x, e)·r / Σ w(x, e). Saito &amp; Joachims (2022), "Off-policy evaluation
 * for large action spaces via embeddings", ICML (the self-normalized form, as SNIPS is to IPS).
 */
public final class SelfNormalizedMips extends SelfNormalized<EmbeddingSample> {
    @Override
    public String name() {
        return "SNMIPS";
    }

    @Override
    protected double reward(EmbeddingSample s) {
        return s.reward();
    }
}
