package io.rewind.ope.sequential;

import io.rewind.ope.LinearEstimator;

/**
 * Per-decision importance sampling: V̂ = mean over episodes of Σ_t γ^t ρ_{0:t} r_t, with ρ_{0:t} = Π_{k≤t} ρ_k.
 * Precup, Sutton &amp; Singh (2000), "Eligibility traces for off-policy policy evaluation".
 */
public final class PerDecisionIs extends LinearEstimator<EpisodeSample> {
    private final double gamma;

    public PerDecisionIs(double gamma) {
        this.gamma = gamma;
    }

    @Override
    public String name() {
        return "PDIS";
    }

    @Override
    protected double term(EpisodeSample e) {
        double rho = 1;
        double discount = 1;
        double v = 0;
        for (int t = 0; t < e.length(); t++) {
            rho *= e.ratios()[t];
            v += discount * rho * e.rewards()[t];
            discount *= gamma;
        }
        return v;
    }
}
