package io.rewind.ope.sequential;

import io.rewind.ope.Estimator;

/**
 * Weighted per-decision importance sampling: V̂ = Σ_t γ^t (Σ_i ρ^i_{0:t} r^i_t) / (Σ_i ρ^i_{0:t}), normalised at
 * every step. An episode that has ended keeps its weight and earns 0 (an absorbing state) up to the horizon.
 * Precup, Sutton &amp; Singh (2000); Thomas (2015), "Safe reinforcement learning" (CWPDIS).
 */
public final class WeightedPerDecisionIs extends Estimator<EpisodeSample> {
    private final double gamma;
    private final int horizon;

    /** @param horizon the longest episode the data may hold */
    public WeightedPerDecisionIs(double gamma, int horizon) {
        this.gamma = gamma;
        this.horizon = horizon;
    }

    @Override
    public String name() {
        return "WPDIS";
    }

    @Override
    public int terms() {
        return 2 * horizon;
    }

    @Override
    public void terms(EpisodeSample e, double[] out) {
        Horizons.check(e, horizon);
        double rho = 1;
        for (int t = 0; t < horizon; t++) {
            boolean live = t < e.length();
            if (live) {
                rho *= e.ratios()[t];
            }
            out[2 * t] = live ? rho * e.rewards()[t] : 0;
            out[2 * t + 1] = rho;
        }
    }

    @Override
    public double value(double[] m) {
        double v = 0;
        double discount = 1;
        for (int t = 0; t < horizon; t++) {
            if (m[2 * t + 1] != 0) {
                v += discount * m[2 * t] / m[2 * t + 1];
            }
            discount *= gamma;
        }
        return v;
    }
}
