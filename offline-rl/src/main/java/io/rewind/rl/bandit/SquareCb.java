package io.rewind.rl.bandit;

import java.util.SplittableRandom;

/**
 * SquareCB: inverse-gap weighting of a regression oracle's predictions. With best prediction b, every other
 * candidate gets p(a) = 1 / (K + γ (ŷ_b − ŷ_a)) and the best the rest. Foster &amp; Rakhlin (2020), "Beyond UCB:
 * optimal and efficient contextual bandits with regression oracles". Rewards here are maximised, so the gap is
 * best score minus the candidate's. γ grows with the rounds learned, γ_t = scale · t^exponent (VW's
 * {@code --gamma_scale 10 --gamma_exponent 0.5} by default), so deciding does not change the learner.
 */
public final class SquareCb extends LinearLearner {
    private final double scale;
    private final double exponent;
    private long rounds;

    public SquareCb(FeatureMap features, double scale, double exponent, double lambda) {
        this(features, scale, exponent, lambda, 0);
    }

    /** Continues the γ schedule of a saved model from {@code rounds}. */
    public SquareCb(FeatureMap features, double scale, double exponent, double lambda, long rounds) {
        super(features, lambda);
        this.rounds = rounds;
        this.scale = scale;
        this.exponent = exponent;
    }

    @Override
    public java.util.Map<String, Double> parameters() {
        return java.util.Map.of("gamma_scale", scale, "gamma_exponent", exponent, "rounds", (double) rounds);
    }

    @Override
    public String name() {
        return "squarecb(" + scale + ", " + exponent + ")";
    }

    @Override
    protected double[] distribution(Round round, SplittableRandom rng) {
        double gamma = scale * Math.pow(rounds + 1, exponent);
        double[] s = means(round);
        int best = argmax(s);
        double[] p = new double[s.length];
        double others = 0;
        for (int a = 0; a < s.length; a++) {
            if (a != best) {
                p[a] = 1 / (s.length + gamma * (s[best] - s[a]));
                others += p[a];
            }
        }
        p[best] = 1 - others;
        return p;
    }

    @Override
    protected void learnedRounds(long n) {
        rounds += n;
    }

    /** {@code squarecb}: gamma's schedule (scale · rounds^exponent) and the rounds learned so far. */
    public record Params(@Range(min = 0, minExcluded = true) double gammaScale,
                         @Range(min = 0) double gammaExponent, @Range(min = 0) long rounds) {
    }

    public static final class Kind extends LearnerKind<Params> {
        public Kind() {
            super("squarecb", new Params(10.0, 0.5, 0), SquareCb.class, (p, f, lambda, seed) ->
                    new SquareCb(f, p.gammaScale(), p.gammaExponent(), lambda, p.rounds()));
        }
    }
}
