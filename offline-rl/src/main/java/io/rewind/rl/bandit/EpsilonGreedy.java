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
    protected double[] distribution(Round round, SplittableRandom rng) {
        double[] p = new double[round.size()];
        Arrays.fill(p, epsilon / round.size());
        p[argmax(means(round))] += 1 - epsilon;
        return p;
    }

    /** {@code epsilon-greedy}: the share of rounds spent exploring uniformly. */
    public record Params(@Range(min = 0, max = 1) double epsilon) {
    }

    public static class Kind extends LearnerKind<Params> {
        public Kind() {
            super("epsilon-greedy", new Params(0.05), EpsilonGreedy.class, (p, f, lambda, seed) ->
                    new EpsilonGreedy(f, p.epsilon(), lambda));
        }
    }

    /** {@code greedy}: epsilon-greedy without exploration; saved as epsilon-greedy with epsilon 0. */
    public static final class GreedyKind extends LearnerKind<Params> {
        public GreedyKind() {
            super("greedy", new Params(0.0), EpsilonGreedy.class, (p, f, lambda, seed) ->
                    new EpsilonGreedy(f, p.epsilon(), lambda));
        }

        @Override
        public boolean recordsItsLearners() {
            return false;
        }
    }
}
