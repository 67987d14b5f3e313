package io.rewind.ope.sequential;

import io.rewind.ope.LinearEstimator;

/**
 * Direct method for episodes: V̂ = mean over episodes of V̂(s_0), the value model's estimate at the first state
 * (V̂ from fitted Q evaluation: Le, Voloshin &amp; Yue (2019), "Batch policy learning under constraints").
 */
public final class SequentialDirectMethod extends LinearEstimator<EpisodeSample> {
    @Override
    public String name() {
        return "DM";
    }

    @Override
    protected double term(EpisodeSample e) {
        return e.vHat()[0];
    }
}
