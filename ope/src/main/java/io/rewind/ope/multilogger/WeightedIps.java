package io.rewind.ope.multilogger;

/**
 * Weighted IPS: each logger's IPS estimate mean(π_e/π_k · r), averaged with weights n_k / E_k[w²]. Agarwal, Basu,
 * Schnabel &amp; Joachims (2017), "Effective evaluation using logged bandit feedback from multiple loggers", KDD.
 */
public final class WeightedIps extends InverseVarianceWeighted {
    public WeightedIps(int loggers) {
        super(loggers);
    }

    @Override
    public String name() {
        return "WIPS";
    }

    @Override
    protected double term(LoggerSample s) {
        return s.weight() * s.round().reward();
    }
}
