package io.rewind.rl.bandit;

import io.rewind.formats.Candidate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shared part of the linear learners: a {@link RidgeScorer} over {@link FeatureMap} features, updated with
 * weight 1 online or 1/p (importance-weighted regression, VW's {@code mtr}) when learning from others' logs.
 * Subclasses turn the scores into a distribution.
 */
public abstract class LinearLearner implements BanditLearner, java.io.Serializable {
    protected final FeatureMap features;
    protected final RidgeScorer scorer;
    private final double lambda;
    private final boolean importanceWeighted;

    protected LinearLearner(FeatureMap features, double lambda, boolean importanceWeighted) {
        this.features = features;
        this.scorer = new RidgeScorer(features.dimension(), lambda);
        this.lambda = lambda;
        this.importanceWeighted = importanceWeighted;
    }

    public FeatureMap featureMap() {
        return features;
    }

    public double lambda() {
        return lambda;
    }

    public boolean importanceWeighted() {
        return importanceWeighted;
    }

    /** The learner's own parameters by name (epsilon, alpha ...), as saved in the model file. */
    public abstract java.util.Map<String, Double> parameters();

    /** The state of every scorer the learner keeps (one, or one per bag). */
    public java.util.List<RidgeScorer.State> states() {
        return java.util.List.of(scorer.state());
    }

    public void restore(java.util.List<RidgeScorer.State> states) {
        scorer.restore(states.get(0));
    }

    /** The distribution over candidates given their feature vectors. */
    protected abstract double[] distribution(double[][] phis, SplittableRandom rng);

    @Override
    public BanditDecision decide(double[] context, List<Candidate> candidates, SplittableRandom rng) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate actions to choose from");
        }
        double[][] phis = new double[candidates.size()][];
        for (int i = 0; i < phis.length; i++) {
            phis[i] = features.phi(context, candidates.get(i));
        }
        double[] p = distribution(phis, rng);
        return new BanditDecision(p, sample(p, rng.nextDouble()));
    }

    @Override
    public void learn(double[] context, Candidate chosen, double reward, double probability) {
        scorer.update(features.phi(context, chosen), reward, importanceWeighted ? 1 / probability : 1);
    }

    protected double[] means(double[][] phis) {
        double[] s = new double[phis.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = scorer.mean(phis[i]);
        }
        return s;
    }

    static int argmax(double[] s) {
        int best = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i] > s[best]) {
                best = i;
            }
        }
        return best;
    }

    static int sample(double[] p, double u) {
        double c = 0;
        for (int i = 0; i < p.length; i++) {
            c += p[i];
            if (u < c) {
                return i;
            }
        }
        for (int i = p.length - 1; i >= 0; i--) {
            if (p[i] > 0) {
                return i;
            }
        }
        return p.length - 1;
    }
}
