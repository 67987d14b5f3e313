package io.rewind.rl.bandit;

import java.util.SplittableRandom;

/** Softmax (Boltzmann) exploration: p(a) ∝ exp(λ · score(a)) (Sutton &amp; Barto 2018, §2.8; VW's --softmax). */
public final class Softmax extends LinearLearner {
    private final double inverseTemperature;

    public Softmax(FeatureMap features, double inverseTemperature, double lambda) {
        super(features, lambda);
        this.inverseTemperature = inverseTemperature;
    }

    @Override
    public java.util.Map<String, Double> parameters() {
        return java.util.Map.of("inverse_temperature", inverseTemperature);
    }

    @Override
    public String name() {
        return "softmax(" + inverseTemperature + ")";
    }

    @Override
    protected double[] distribution(Round round, SplittableRandom rng) {
        double[] s = means(round);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, inverseTemperature * v);
        }
        double sum = 0;
        double[] p = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            p[i] = Math.exp(inverseTemperature * s[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < s.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** {@code softmax}: the inverse temperature of the softmax over predicted rewards. */
    public record Params(@Range(min = 0) double inverseTemperature) {
    }

    public static final class Kind extends LearnerKind<Params> {
        public Kind() {
            super("softmax", new Params(20.0), Softmax.class, (p, f, lambda, seed) ->
                    new Softmax(f, p.inverseTemperature(), lambda));
        }
    }
}
