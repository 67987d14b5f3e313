package io.rewind.ope.sequential;

import io.rewind.ope.Estimator;

/**
 * Per-decision importance sampling: V̂ = mean over episodes of Σ_t γ^t ρ_{0:t} r_t, with ρ_{0:t} = Π_{k≤t} ρ_k.
 * Precup, Sutton &amp; Singh (2000), "Eligibility traces for off-policy policy evaluation".
 */
public final class PerDecisionIs extends Estimator<EpisodeSample> {
    private final double gamma;

    public PerDecisionIs(double gamma) {
        this.gamma = gamma;
    }

    @Override
    public String name() {
        return "PDIS";
    }

    @Override
    public int terms() {
        return 1;
    }

    @Override
    public void terms(EpisodeSample e, double[] out) {
        double rho = 1;
        double discount = 1;
        double v = 0;
        for (int t = 0; t < e.length(); t++) {
            rho *= e.ratios()[t];
            v += discount * rho * e.rewards()[t];
            discount *= gamma;
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
