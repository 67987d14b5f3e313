package io.rewind.rl.bandit;

import java.util.SplittableRandom;

/**
 * LinUCB: the candidate with the highest upper confidence bound θ·φ + α√(φᵀA⁻¹φ), chosen with probability 1.
 * Li, Chu, Langford &amp; Schapire (2010), "A contextual-bandit approach to personalized news article
 * recommendation".
 */
public final class LinUcb extends LinearLearner {
    private final double alpha;

    public LinUcb(FeatureMap features, double alpha, double lambda) {
        super(features, lambda);
        this.alpha = alpha;
    }

    @Override
    public java.util.Map<String, Double> parameters() {
        return java.util.Map.of("alpha", alpha);
    }

    @Override
    public String name() {
        return "linucb(" + alpha + ")";
    }

    @Override
    protected double[] distribution(Round round, SplittableRandom rng) {
        double[] ucb = round.means(scorer);
        double[] width = round.widths(scorer);
        for (int i = 0; i < ucb.length; i++) {
            ucb[i] += alpha * width[i];
        }
        double[] p = new double[ucb.length];
        p[argmax(ucb)] = 1;
        return p;
    }

    /** {@code linucb}: the width of the confidence bonus. */
    public record Params(@Range(min = 0) double alpha) {
    }

    public static final class Kind extends LearnerKind<Params> {
        public Kind() {
            super("linucb", new Params(0.5), LinUcb.class, (p, f, lambda, seed) ->
                    new LinUcb(f, p.alpha(), lambda));
        }
    }
}
