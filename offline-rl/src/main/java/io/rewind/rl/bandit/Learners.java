package io.rewind.rl.bandit;

import java.util.Locale;

/** Learners by their command-line names, with the defaults the benchmarks use. */
public final class Learners {
    public static final String NAMES = "epsilon-greedy, softmax, linucb, thompson, squarecb, bag";

    private Learners() {
    }

    public static LinearLearner create(String name, FeatureMap features, long seed) {
        return switch (name.toLowerCase(Locale.ROOT).trim()) {
            case "epsilon-greedy" -> new EpsilonGreedy(features, 0.05, 1, false);
            case "softmax" -> new Softmax(features, 20, 1, false);
            case "linucb" -> new LinUcb(features, 0.5, 1);
            case "thompson" -> new LinearThompson(features, 0.3, 1, 50);
            case "squarecb" -> new SquareCb(features, 10, 0.5, 1, false);
            case "bag" -> new Bagging(features, 5, 1, seed);
            default -> throw new IllegalArgumentException("unknown learner '" + name + "', expected one of " + NAMES);
        };
    }
}
