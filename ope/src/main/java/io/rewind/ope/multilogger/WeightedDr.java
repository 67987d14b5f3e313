package io.rewind.ope.multilogger;

import io.rewind.ope.bandit.DoublyRobust;

/**
 * Weighted DR: each logger's DR estimate mean(Σ_a π_e q̂ + π_e/π_k · (r − q̂)), averaged with weights n_k / E_k[w²], as
 * weighted IPS averages IPS. Kallus, Saito &amp; Uehara (2021), "Optimal off-policy evaluation from multiple logging
 * policies", ICML; Open Bandit Pipeline's MultiLoggersWeightedDoublyRobust.
 */
public final class WeightedDr extends InverseVarianceWeighted {
    public WeightedDr(int loggers) {
        super(loggers);
    }

    @Override
    public String name() {
        return "WDR";
    }

    @Override
    protected double term(LoggerSample s) {
        return DoublyRobust.term(s.round(), s.weight());
    }
}
