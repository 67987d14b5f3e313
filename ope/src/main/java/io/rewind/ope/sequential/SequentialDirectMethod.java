package io.rewind.ope.sequential;

import io.rewind.ope.Estimator;

/**
 * Direct method for episodes: V̂ = mean over episodes of V̂(s_0), the value model's estimate at the first state
 * (V̂ from fitted Q evaluation: Le, Voloshin &amp; Yue (2019), "Batch policy learning under constraints").
 */
public final class SequentialDirectMethod extends Estimator<EpisodeSample> {
    @Override
    public String name() {
        return "DM";
    }

    @Override
    public int terms() {
        return 1;
    }

    @Override
    public void terms(EpisodeSample e, double[] out) {
        out[0] = e.vHat()[0];
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
