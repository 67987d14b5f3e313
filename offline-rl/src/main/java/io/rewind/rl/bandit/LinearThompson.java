package io.rewind.rl.bandit;

import java.util.SplittableRandom;

/**
 * Linear Thompson sampling with per-candidate posterior draws score(a) ~ N(θ·φ_a, v²·φ_aᵀA⁻¹φ_a) (Agrawal &amp; Goyal
 * 2013, "Thompson sampling for contextual bandits with linear payoffs", in the per-arm form). Its distribution, the
 * chance each candidate wins the draw, has no closed form: it is estimated from {@code draws} posterior samples, and
 * the action is then sampled from that estimate, so the logged probability is exactly the one used.
 */
public final class LinearThompson extends LinearLearner {
    private final double v;
    private final int draws;

    public LinearThompson(FeatureMap features, double v, double lambda, int draws) {
        super(features, lambda);
        this.v = v;
        this.draws = draws;
    }

    @Override
    public java.util.Map<String, Double> parameters() {
        return java.util.Map.of("v", v, "draws", (double) draws);
    }

    @Override
    public String name() {
        return "thompson(" + v + ")";
    }

    @Override
    protected double[] distribution(Round round, SplittableRandom rng) {
        Phi[] phis = round.phis();
        double[] mean = new double[phis.length];
        double[] sd = new double[phis.length];
        for (int i = 0; i < phis.length; i++) {
            mean[i] = scorer.mean(phis[i]);
            sd[i] = v * scorer.width(phis[i]);
        }
        double[] wins = new double[phis.length];
        for (int d = 0; d < draws; d++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < phis.length; i++) {
                double s = mean[i] + sd[i] * gaussian(rng);
                if (s > bestScore) {
                    bestScore = s;
                    best = i;
                }
            }
            wins[best]++;
        }
        for (int i = 0; i < wins.length; i++) {
            wins[i] /= draws;
        }
        return wins;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** {@code thompson}: the posterior scale and the draws that estimate the distribution. */
    public record Params(@Range(min = 0, minExcluded = true) double v, @Range(min = 1) int draws) {
    }

    public static final class Kind extends LearnerKind<Params> {
        public Kind() {
            super("thompson", new Params(0.3, 50), LinearThompson.class, (p, f, lambda, seed) ->
                    new LinearThompson(f, p.v(), lambda, p.draws()));
        }
    }
}
