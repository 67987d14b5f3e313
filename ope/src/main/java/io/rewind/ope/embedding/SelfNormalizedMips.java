package io.rewind.ope.embedding;

import io.rewind.ope.Estimator;

/**
 * Self-normalized marginalized IPS: V̂ = Σ w(x, e)·r / Σ w(x, e). Saito &amp; Joachims (2022), "Off-policy evaluation
 * for large action spaces via embeddings", ICML (the self-normalized form, as SNIPS is to IPS).
 */
public final class SelfNormalizedMips extends Estimator<EmbeddingSample> {
    @Override
    public String name() {
        return "SNMIPS";
    }

    @Override
    public int terms() {
        return 2;
    }

    @Override
    public void terms(EmbeddingSample s, double[] out) {
        double w = s.weight();
        out[0] = w * s.reward();
        out[1] = w;
    }

    @Override
    public double value(double[] m) {
        return m[0] / m[1];
    }

    @Override
    protected double[] gradient(double[] m) {
        return new double[] {1 / m[1], -m[0] / (m[1] * m[1])};
    }
}
