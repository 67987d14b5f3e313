package io.rewind.rl.bandit;

import java.util.SplittableRandom;

/**
 * Bagging (bootstrap) exploration: {@code bags} ridge scorers, each trained with a Poisson(1) weight per round drawn
 * from the round's key (its event id's hash); a candidate's probability is the share of bags whose greedy choice it
 * is (a bag's tied best candidates split its vote). VW's {@code --bag}; Bietti, Agarwal &amp; Langford (2021), "A contextual bandit bake-off".
 */
public final class Bagging extends LinearLearner {
    private final RidgeScorer[] bags;
    /** Where the keys of rounds learned without one come from (a counter, so the learner stays serializable). */
    private long roundsWithoutKey;
    private final long seed;

    public Bagging(FeatureMap features, int bags, double lambda, long seed) {
        super(features, lambda);
        this.bags = new RidgeScorer[bags];
        for (int i = 0; i < bags; i++) {
            this.bags[i] = new RidgeScorer(features.blockSizes(), lambda);
        }
        this.seed = seed;
    }

    @Override
    public java.util.Map<String, Double> parameters() {
        return java.util.Map.of("bags", (double) bags.length);
    }

    @Override
    public String name() {
        return "bag(" + bags.length + ")";
    }

    @Override
    public java.util.List<RidgeScorer.State> states() {
        java.util.List<RidgeScorer.State> out = new java.util.ArrayList<>();
        for (RidgeScorer b : bags) {
            out.add(b.state());
        }
        return out;
    }

    @Override
    public void restore(java.util.List<RidgeScorer.State> states) {
        for (int i = 0; i < bags.length; i++) {
            bags[i].restore(states.get(i));
        }
    }

    @Override
    protected double[] distribution(Round round, SplittableRandom rng) {
        double[] p = new double[round.size()];
        for (RidgeScorer bag : bags) {
            double[] s = round.means(bag);
            double max = s[argmax(s)];
            int ties = 0;
            for (double v : s) {
                ties += v == max ? 1 : 0;
            }
            for (int i = 0; i < s.length; i++) {
                if (s[i] == max) {
                    p[i] += 1.0 / bags.length / ties;
                }
            }
        }
        return p;
    }

    @Override
    protected RidgeScorer predictor() {
        return bags[0];
    }

    @Override
    protected RidgeScorer[] learningModels() {
        return bags;
    }

    @Override
    protected long nextRoundKey() {
        return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * ++roundsWithoutKey).nextLong();
    }

    /**
     * The round's Poisson(1) weight in each bag, drawn from its key alone, so every order and partitioning of the
     * same logged rounds gives the same bags. The first bag sees every round, as VW's does, so the ensemble always
     * has a full-data member.
     */
    @Override
    protected double[] modelWeights(long roundKey) {
        SplittableRandom draws = new SplittableRandom(roundKey);
        double[] w = new double[bags.length];
        w[0] = 1;
        for (int i = 1; i < bags.length; i++) {
            w[i] = poisson(draws.nextDouble());
        }
        return w;
    }

    private static int poisson(double u) {
        double p = Math.exp(-1);
        double c = p;
        int k = 0;
        while (u >= c && k < 10) {
            k++;
            p /= k;
            c += p;
        }
        return k;
    }

    /** {@code bag}: the number of bootstrap replicates. */
    public record Params(@Range(min = 1) int bags) {
    }

    public static final class Kind extends LearnerKind<Params> {
        public Kind() {
            super("bag", new Params(5), Bagging.class, (p, f, lambda, seed) ->
                    new Bagging(f, p.bags(), lambda, seed));
        }
    }
}
