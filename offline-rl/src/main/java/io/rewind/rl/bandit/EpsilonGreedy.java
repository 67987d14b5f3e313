package io.rewind.rl.bandit;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Epsilon-greedy: the best-scored candidate gets 1 − ε + ε/K, every other ε/K (Sutton &amp; Barto 2018, §2.2). */
public final class EpsilonGreedy extends LinearLearner {
    private final double epsilon;

    public EpsilonGreedy(FeatureMap features, double epsilon, double lambda) {
        super(features, lambda);
        this.epsilon = epsilon;
    }

    @Override
    public java.util.Map<String, Double> parameters() {
        return java.util.Map.of("epsilon", epsilon);
    }

    @Override
    public String name() {
        return "epsilon-greedy(" + epsilon + ")";
    }

    @Override
    protected double[] distribution(double[][] phis, SplittableRandom rng) {
        double[] p = new double[phis.length];
        Arrays.fill(p, epsilon / phis.length);
        p[argmax(means(phis))] += 1 - epsilon;
        return p;
    }
}
