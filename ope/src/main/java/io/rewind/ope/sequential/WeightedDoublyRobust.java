package io.rewind.ope.sequential;

import io.rewind.ope.Estimator;

/**
 * Weighted doubly robust: with per-step normalised weights w^i_t = ρ^i_{0:t} / Σ_j ρ^j_{0:t} (and w^i_{−1} = 1/n),
 * V̂ = Σ_i Σ_t γ^t [w^i_t r^i_t − (w^i_t Q̂(s^i_t, a^i_t) − w^i_{t−1} V̂(s^i_t))]. Ended episodes keep their
 * weight and contribute zeros. Thomas &amp; Brunskill (2016), "Data-efficient off-policy policy evaluation for
 * reinforcement learning".
 */
public final class WeightedDoublyRobust extends Estimator<EpisodeSample> {
    private final double gamma;
    private final int horizon;

    public WeightedDoublyRobust(double gamma, int horizon) {
        this.gamma = gamma;
        this.horizon = horizon;
    }

    @Override
    public String name() {
        return "WDR";
    }

    /** Per step: ρ_{0:t} r_t, ρ_{0:t}, ρ_{0:t} Q̂_t, ρ_{0:t−1} V̂_t, ρ_{0:t−1}. */
    @Override
    public int terms() {
        return 5 * horizon;
    }

    @Override
    public void terms(EpisodeSample e, double[] out) {
        Horizons.check(e, horizon);
        double before = 1;
        for (int t = 0; t < horizon; t++) {
            boolean live = t < e.length();
            double rho = live ? before * e.ratios()[t] : before;
            out[5 * t] = live ? rho * e.rewards()[t] : 0;
            out[5 * t + 1] = rho;
            out[5 * t + 2] = live ? rho * e.qHat()[t] : 0;
            out[5 * t + 3] = live ? before * e.vHat()[t] : 0;
            out[5 * t + 4] = before;
            before = rho;
        }
    }

    @Override
    public double value(double[] m) {
        double v = 0;
        double discount = 1;
        for (int t = 0; t < horizon; t++) {
            double b = m[5 * t + 1];
            double e = m[5 * t + 4];
            if (b != 0) {
                v += discount * (m[5 * t] - m[5 * t + 2]) / b;
            }
            if (e != 0) {
                v += discount * m[5 * t + 3] / e;
            }
            discount *= gamma;
        }
        return v;
    }
}
