package io.rewind.ope.multilogger;

import io.rewind.ope.LinearEstimator;

/**
 * Balanced IPS: V̂ = mean(π_e(a|x) / π_avg(a|x) · r), every round weighed against the average of the logging
 * policies, π_avg = Σ_k (n_k / n) π_k, instead of its own. Never more variance than naive IPS. Agarwal, Basu,
 * Schnabel &amp; Joachims (2017), "Effective evaluation using logged bandit feedback from multiple loggers", KDD; the
 * "standard IS" of Kallus, Saito &amp; Uehara (2021).
 */
public final class BalancedIps extends LinearEstimator<LoggerSample> {
    @Override
    public String name() {
        return "BIPS";
    }

    @Override
    protected double term(LoggerSample s) {
        return s.balancedWeight() * s.round().reward();
    }

    @Override
    protected boolean bernsteinApplies() {
        return true;
    }
}
