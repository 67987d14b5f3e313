package io.rewind.ope.bandit;

import io.rewind.ope.LinearEstimator;

/**
 * Doubly robust: V̂ = mean(Σ_a π_e(a|x) q̂(x, a) + w · (r − q̂(x, a_logged))).
 * Dudík, Langford &amp; Li (2011), "Doubly robust policy evaluation and learning".
 */
public final class DoublyRobust extends LinearEstimator<BanditSample> {
    @Override
    public String name() {
        return "DR";
    }

    @Override
    protected double term(BanditSample s) {
        return term(s, s.weight());
    }

    /** The DR term of a round with importance weight {@code w} (its own, or another logger's, as the variants say). */
    public static double term(BanditSample s, double w) {
        return s.dmValue() + w * (s.reward() - s.qHat());
    }
}
