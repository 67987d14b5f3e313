package io.rewind.ope.bandit;

import io.rewind.ope.Estimator;

/**
 * Self-normalized IPS: V̂ = Σ w·r / Σ w. Swaminathan &amp; Joachims (2015), "The self-normalized estimator for
 * counterfactual learning".
 */
public final class Snips extends Estimator<BanditSample> {
    @Override
    public String name() {
        return "SNIPS";
    }

    @Override
    public int terms() {
        return 2;
    }

    @Override
    public void terms(BanditSample s, double[] out) {
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
