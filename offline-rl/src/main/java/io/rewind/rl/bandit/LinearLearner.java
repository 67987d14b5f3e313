package io.rewind.rl.bandit;

import io.rewind.formats.Candidate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The shared part of the linear learners: a {@link RidgeScorer} over {@link FeatureMap} features, updated from each
 * logged round through a {@link Reduction} (direct online updates by default; {@code mtr}, IPS or DR when learning
 * from another policy's logs). Subclasses turn the scores into a distribution.
 */
public abstract class LinearLearner implements BanditLearner, java.io.Serializable {
    protected final FeatureMap features;
    protected final RidgeScorer scorer;
    private final double lambda;
    private Reduction reduction = Reduction.DIRECT;

    protected LinearLearner(FeatureMap features, double lambda) {
        this.features = features;
        this.scorer = new RidgeScorer(features.blockSizes(), lambda);
        this.lambda = lambda;
    }

    public FeatureMap featureMap() {
        return features;
    }

    public double lambda() {
        return lambda;
    }

    public Reduction reduction() {
        return reduction;
    }

    /** Sets how logged rounds become updates; returns this learner. */
    public LinearLearner withReduction(Reduction r) {
        this.reduction = r;
        return this;
    }

    /** The learner's own parameters by name (epsilon, alpha ...), as saved in the model file. */
    public abstract Map<String, Double> parameters();

    /** The state of every scorer the learner keeps (one, or one per bag or policy). */
    public List<RidgeScorer.State> states() {
        return List.of(scorer.state());
    }

    public void restore(List<RidgeScorer.State> states) {
        scorer.restore(states.get(0));
    }

    /** The distribution over the round's candidates. */
    protected abstract double[] distribution(Round round, SplittableRandom rng);

    /** The ridge model whose mean is the reward prediction the reductions use as q̂ and greedy policies maximise. */
    protected RidgeScorer predictor() {
        return scorer;
    }

    protected double predict(Phi phi) {
        return predictor().mean(phi);
    }

    /** The reward prediction for each of the round's candidates. */
    protected double[] means(Round round) {
        return round.means(predictor());
    }

    @Override
    public BanditDecision decide(double[] context, List<Candidate> candidates, SplittableRandom rng) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate actions to choose from");
        }
        double[] p = distribution(new Round(features, context, candidates), rng);
        return new BanditDecision(p, sample(p, rng.nextDouble()));
    }

    /** Learns one round, keyed by {@link #nextRoundKey()}. */
    @Override
    public void learn(double[] context, List<Candidate> candidates, int chosen, double reward, double probability) {
        learn(context, candidates, chosen, reward, probability, nextRoundKey());
    }

    /**
     * Learns one logged round that {@code roundKey} identifies (a hash of its event id): a learner that weights
     * rounds at random (bagging) draws the round's weights from the key, so any order or partitioning of the same
     * rounds teaches the same model.
     */
    public void learn(double[] context, List<Candidate> candidates, int chosen, double reward, double probability,
                      long roundKey) {
        checkProbability(probability);
        RidgeScorer[] models = learningModels();
        double[] weights = modelWeights(roundKey);
        examples(context, candidates, chosen, reward, probability, (phi, target, weight) -> {
            for (int m = 0; m < models.length; m++) {
                if (weights[m] > 0) {
                    models[m].update(phi, target, weights[m] * weight);
                }
            }
        });
        learnedRounds(1);
    }

    /** The key of a round learned without one: a learner that weights rounds at random draws it from its stream. */
    protected long nextRoundKey() {
        return 0;
    }

    /** The ridge models every round's regression examples train: the learner's one model, or bagging's bags. */
    protected RidgeScorer[] learningModels() {
        return new RidgeScorer[] {scorer};
    }

    /** Each learning model's weight for the round {@code roundKey}: 1 each, unless the learner resamples rounds. */
    protected double[] modelWeights(long roundKey) {
        double[] w = new double[learningModels().length];
        java.util.Arrays.fill(w, 1);
        return w;
    }

    /** Where a logged round's regression examples go: the learner's models, or statistics solved later. */
    @FunctionalInterface
    protected interface Sink {
        void add(Phi phi, double target, double weight);
    }

    /** The regression examples one logged round gives under the learner's reduction. */
    protected void examples(double[] context, List<Candidate> candidates, int chosen, double reward,
                            double probability, Sink sink) {
        switch (reduction) {
            case DIRECT -> sink.add(features.phi(context, candidates.get(chosen)), reward, 1);
            case MTR -> sink.add(features.phi(context, candidates.get(chosen)), reward, 1 / probability);
            case IPS, DR -> {
                Phi[] phis = features.phis(context, candidates);
                double[] targets = estimates(phis, chosen, reward, probability);
                for (int a = 0; a < phis.length; a++) {
                    sink.add(phis[a], targets[a], 1);
                }
            }
        }
    }

    /** Counts rounds learned, for learners whose schedule depends on them. */
    protected void learnedRounds(long rounds) {
    }

    /**
     * Whether any order of the same logged rounds teaches this learner the same model, so it can learn them from
     * sufficient statistics merged across partitions: its ridge models learn every example with a weight the round
     * alone fixes, and no example depends on the models' own predictions (DR's q̂ does).
     */
    public boolean learnsFromStatistics() {
        return reduction != Reduction.DR;
    }

    /**
     * Adds the regression examples of the logged round {@code roundKey} to {@code statistics} (on an executor),
     * without learning them.
     */
    public void collect(double[] context, List<Candidate> candidates, int chosen, double reward, double probability,
                        long roundKey, LearnerStatistics statistics) {
        requireStatistics();
        checkProbability(probability);
        double[] weights = modelWeights(roundKey);
        examples(context, candidates, chosen, reward, probability, (phi, target, weight) -> {
            for (int m = 0; m < weights.length; m++) {
                statistics.update(m, phi, target, weights[m] * weight);
            }
        });
    }

    /** Empty statistics for this learner's models and feature blocks. */
    public LearnerStatistics newStatistics() {
        return new LearnerStatistics(learningModels().length, features.blockSizes());
    }

    /** What one copy of {@link #newStatistics} takes, in bytes, without allocating it. */
    public long statisticsBytes() {
        return LearnerStatistics.bytes(learningModels().length, features.blockSizes());
    }

    /** Learns, in one step, the {@code rounds} logged rounds collected into {@code statistics}. */
    public void absorb(LearnerStatistics statistics, long rounds) {
        requireStatistics();
        RidgeScorer[] models = learningModels();
        if (statistics.models() != models.length) {
            throw new IllegalArgumentException("statistics of " + statistics.models() + " models for " + name()
                    + ", which trains " + models.length);
        }
        for (int m = 0; m < models.length; m++) {
            models[m].absorb(statistics.model(m));
        }
        learnedRounds(rounds);
    }

    private void requireStatistics() {
        if (!learnsFromStatistics()) {
            throw new IllegalStateException(name() + " with reduction " + reduction.name().toLowerCase(
                    java.util.Locale.ROOT) + " learns in order, one round at a time; it cannot learn from merged"
                    + " statistics");
        }
    }

    private static void checkProbability(double probability) {
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("logging probability " + probability + " is not in (0, 1]");
        }
    }

    /** Every candidate's reward estimate for one round under this learner's reduction (IPS, or DR for the rest). */
    protected double[] estimates(Phi[] phis, int chosen, double reward, double probability) {
        double[] targets = new double[phis.length];
        for (int a = 0; a < phis.length; a++) {
            double q = reduction == Reduction.IPS ? 0 : predict(phis[a]);
            targets[a] = a == chosen ? q + (reward - q) / probability : q;
        }
        return targets;
    }

    /** The model's reward prediction for each candidate. */
    public double[] scores(double[] context, List<Candidate> candidates) {
        return means(new Round(features, context, candidates));
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

    /** Uniform over the candidates whose score equals the maximum. */
    static double[] uniformOverTies(double[] s) {
        double max = s[argmax(s)];
        int ties = 0;
        for (double v : s) {
            ties += v == max ? 1 : 0;
        }
        double[] p = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            p[i] = s[i] == max ? 1.0 / ties : 0;
        }
        return p;
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
