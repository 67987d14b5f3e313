package io.rewind.ope.bandit;

import io.rewind.ope.LinearEstimator;

/**
 * DR with optimistic shrinkage: the weight becomes ŵ = λw / (w² + λ), then
 * V̂ = mean(Σ_a π_e(a|x) q̂(x, a) + ŵ · (r − q̂)). Su, Dimakopoulou, Krishnamurthy &amp; Dudík (2020),
 * "Doubly robust off-policy evaluation with shrinkage".
 */
public final class DoublyRobustShrinkage extends LinearEstimator<BanditSample> {
    private final double lambda;

    public DoublyRobustShrinkage(double lambda) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("shrinkage lambda must be > 0: " + lambda);
        }
        this.lambda = lambda;
    }

    @Override
    public String name() {
        return "DRos(lambda=" + lambda + ")";
    }

    @Override
    protected double term(BanditSample s) {
        double w = s.weight();
        double shrunk = Double.isInfinite(lambda) ? w : lambda * w / (w * w + lambda);
        return s.dmValue() + shrunk * (s.reward() - s.qHat());
    }
}
