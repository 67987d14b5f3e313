package io.rewind.rl.bandit;

import java.util.SplittableRandom;

/**
 * Bagging (bootstrap) exploration: {@code bags} ridge scorers, each trained with a Poisson(1) weight per
 * observation; a candidate's probability is the share of bags whose greedy choice it is (a bag's tied best
 * candidates split its vote). VW's
 * {@code --bag}; Bietti, Agarwal &amp; Langford (2021), "A contextual bandit bake-off".
 */
public final class Bagging extends LinearLearner {
    private final RidgeScorer[] bags;
    private final SplittableRandom bootstrap;

    public Bagging(FeatureMap features, int bags, double lambda, long seed) {
        super(features, lambda);
        this.bags = new RidgeScorer[bags];
        for (int i = 0; i < bags; i++) {
            this.bags[i] = new RidgeScorer(features.blockSizes(), lambda);
        }
        this.bootstrap = new SplittableRandom(seed);
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

    /** Each bag's Poisson weights come from one random stream in row order. */
    @Override
    public boolean learnsFromStatistics() {
        return false;
    }

    @Override
    protected RidgeScorer predictor() {
        return bags[0];
    }

    @Override
    protected void fit(Phi phi, double target, double weight) {
        for (int i = 0; i < bags.length; i++) {
            // the first bag sees every row, as VW's does, so the ensemble always has a full-data member
            int w = i == 0 ? 1 : poisson(bootstrap.nextDouble());
            if (w > 0) {
                bags[i].update(phi, target, w * weight);
            }
        }
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
