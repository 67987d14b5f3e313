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

    /**
     * Each draw scores every candidate with the Box-Muller normal of its own two uniforms, drawn in candidate order,
     * and the first candidate with the highest score wins. The likeliest winner (the highest mean) is scored first,
     * and a candidate whose score provably cannot reach the best so far is not scored; its uniforms are still
     * drawn, so the stream, and every distribution, is the one of scoring every candidate in order.
     */
    @Override
    protected double[] distribution(Round round, SplittableRandom rng) {
        double[] mean = round.means(scorer);
        double[] sd = round.widths(scorer);
        int k = mean.length;
        double[] boundFactor = new double[k]; // 2 sd² · margin², for the bound below
        for (int i = 0; i < k; i++) {
            sd[i] *= v;
            boundFactor[i] = 2 * sd[i] * sd[i] * RADIUS_BOUND_MARGIN * RADIUS_BOUND_MARGIN;
        }
        int first = argmax(mean);
        double[] u = new double[2 * k];
        double[] wins = new double[k];
        for (int d = 0; d < draws; d++) {
            for (int j = 0; j < u.length; j++) {
                u[j] = rng.nextDouble();
            }
            int best = first;
            double bestScore = mean[first] + sd[first] * (radius(1 - u[2 * first]) * angle(u[2 * first + 1]));
            for (int i = 0; i < k; i++) {
                if (i == first) {
                    continue;
                }
                double y = 1 - u[2 * i];
                // the score is at most mean + sd · radius, and −ln y ≤ (1 − y)/y bounds the radius without a log:
                // it cannot win when sd · √(2(1 − y)/y) < gap, taken squared and times y (no root, no division)
                double gap = bestScore - mean[i];
                if (gap > 0 && boundFactor[i] * (1 - y) < gap * gap * y) {
                    continue;
                }
                double r = radius(y);
                if (mean[i] + sd[i] * r < bestScore) {
                    continue;
                }
                double s = mean[i] + sd[i] * (r * angle(u[2 * i + 1]));
                if (s > bestScore || s == bestScore && i < best) {
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

    /** Covers the rounding of the bound and of the logarithm (within an ulp each). */
    private static final double RADIUS_BOUND_MARGIN = 1 + 1e-9;

    /** Box-Muller's radius √(−2 ln y), y = 1 − u₁ in (0, 1]. */
    private static double radius(double y) {
        return Math.sqrt(-2 * Math.log(y));
    }

    /** Box-Muller's cos(2π u₂). */
    private static double angle(double u2) {
        return Math.cos(2 * Math.PI * u2);
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
