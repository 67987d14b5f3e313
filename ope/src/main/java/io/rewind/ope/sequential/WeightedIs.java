package io.rewind.ope.sequential;

import io.rewind.ope.Estimator;

/**
 * Weighted (trajectory-wise, self-normalized) importance sampling: V̂ = Σ_i w_i G_i / Σ_i w_i with
 * w_i = Π_t ρ_t and G_i = Σ_t γ^t r_t; the "WIS" the batch-RL seed (Coach) plots. Precup, Sutton &amp; Singh (2000);
 * Mahmood, van Hasselt &amp; Sutton (2014), "Weighted importance sampling for off-policy learning with linear
 * function approximation".
 */
public final class WeightedIs extends Estimator<EpisodeSample> {
    private final double gamma;

    public WeightedIs(double gamma) {
        this.gamma = gamma;
    }

    @Override
    public String name() {
        return "WIS";
    }

    @Override
    public int terms() {
        return 2;
    }

    @Override
    public void terms(EpisodeSample e, double[] out) {
        double w = e.weight();
        double g = 0;
        double discount = 1;
        for (double r : e.rewards()) {
            g += discount * r;
            discount *= gamma;
        }
        out[0] = w * g;
        out[1] = w;
    }

    @Override
    public double value(double[] m) {
        return m[1] == 0 ? 0 : m[0] / m[1];
    }

    @Override
    protected double[] gradient(double[] m) {
        return new double[] {1 / m[1], -m[0] / (m[1] * m[1])};
    }
}
