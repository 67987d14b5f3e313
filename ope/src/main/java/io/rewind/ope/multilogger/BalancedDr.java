package io.rewind.ope.multilogger;

import io.rewind.ope.LinearEstimator;
import io.rewind.ope.bandit.DoublyRobust;

/**
 * Balanced DR: V̂ = mean(Σ_a π_e(a|x) q̂(x, a) + π_e(a|x) / π_avg(a|x) · (r − q̂(x, a))), doubly robust against the
 * average logging policy. The efficient estimator of Kallus, Saito &amp; Uehara (2021), "Optimal off-policy
 * evaluation from multiple logging policies", ICML.
 */
public final class BalancedDr extends LinearEstimator<LoggerSample> {
    @Override
    public String name() {
        return "BDR";
    }

    @Override
    protected double term(LoggerSample s) {
        return DoublyRobust.term(s.round(), s.balancedWeight());
    }
}
