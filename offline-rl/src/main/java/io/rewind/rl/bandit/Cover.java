package io.rewind.rl.bandit;

import io.rewind.formats.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Online cover: {@code policies} greedy regressors; the first learns the rewards through the learner's reduction,
 * each further one learns every candidate's doubly robust reward estimate plus a bonus ψ·μ / (P(a)/norm) for the
 * candidates the policies before it rarely choose, so together they cover the plausible good actions. The
 * distribution is their votes (ties split) with every candidate raised to at least μ_t = min(1/K, 1/√(K·t)).
 * Agarwal, Hsu, Kale, Langford, Li &amp; Schapire (2014), "Taming the monster"; the online form of VW's
 * {@code --cover} (Bietti, Agarwal &amp; Langford 2021, "A contextual bandit bake-off"). Where VW regresses the
 * further policies on the DR estimate itself, whose 1/p-scaled targets swamp a linear model, they regress here on
 * the chosen candidate's reward with weight 1/p and on q̂ for the others (the same importance-weighted form as
 * {@code mtr}); Rewind's default ψ is 0.1 (VW's is 1).
 */
public final class Cover extends LinearLearner {
    private final RidgeScorer[] others;
    private final double psi;
    private long rounds;

    public Cover(FeatureMap features, int policies, double psi, double lambda, long rounds) {
        super(features, lambda);
        if (policies < 1) {
            throw new IllegalArgumentException("cover needs at least one policy");
        }
        this.others = new RidgeScorer[policies - 1];
        for (int i = 0; i < others.length; i++) {
            others[i] = new RidgeScorer(features.blockSizes(), lambda);
        }
        this.psi = psi;
        this.rounds = rounds;
        withReduction(Reduction.MTR);
    }

    @Override
    public Map<String, Double> parameters() {
        return Map.of("policies", (double) others.length + 1, "psi", psi, "rounds", (double) rounds);
    }

    @Override
    public String name() {
        return "cover(" + (others.length + 1) + ")";
    }

    @Override
    public List<RidgeScorer.State> states() {
        List<RidgeScorer.State> out = new ArrayList<>(super.states());
        for (RidgeScorer s : others) {
            out.add(s.state());
        }
        return out;
    }

    @Override
    public void restore(List<RidgeScorer.State> states) {
        super.restore(states);
        for (int i = 0; i < others.length; i++) {
            others[i].restore(states.get(i + 1));
        }
    }

    private double minProbability(int k) {
        return rounds == 0 ? 1.0 / k : Math.min(1.0 / k, 1 / Math.sqrt((double) rounds * k));
    }

    /** The policies' votes before the floor; with {@code bonuses} also trains policies 2.. on the way. */
    private double[] votes(Round round, double[] estimates, double[] weights) {
        int k = round.size();
        double share = 1.0 / (others.length + 1);
        double mu = minProbability(k);
        double[] p = new double[k];
        vote(p, round.means(scorer), share);
        double norm = mu * k + (share - mu);
        for (RidgeScorer policy : others) {
            if (estimates != null) {
                for (int a = 0; a < k; a++) {
                    double bonus = psi * mu / (Math.max(p[a], mu) / norm);
                    policy.update(round.phis()[a], estimates[a] + bonus, weights[a]);
                }
            }
            double[] s = round.means(policy);
            double before = 0;
            for (double v : p) {
                before += Math.max(v, mu);
            }
            vote(p, s, share);
            double after = 0;
            for (double v : p) {
                after += Math.max(v, mu);
            }
            norm += after - before;
        }
        return p;
    }

    private static void vote(double[] p, double[] scores, double share) {
        double[] tied = uniformOverTies(scores);
        for (int a = 0; a < p.length; a++) {
            p[a] += share * tied[a];
        }
    }

    @Override
    protected double[] distribution(Round round, SplittableRandom rng) {
        return floor(votes(round, null, null), minProbability(round.size()));
    }

    /** Raises every probability below μ to μ and scales the others down so the total stays 1. */
    static double[] floor(double[] p, double mu) {
        if (mu * p.length > 0.999) {
            double[] u = new double[p.length];
            java.util.Arrays.fill(u, 1.0 / p.length);
            return u;
        }
        double touched = 0;
        double untouched = 0;
        for (double v : p) {
            if (v <= mu) {
                touched += mu;
            } else {
                untouched += v;
            }
        }
        double[] out = new double[p.length];
        double ratio = (1 - touched) / untouched;
        for (int a = 0; a < p.length; a++) {
            out[a] = p[a] <= mu ? mu : p[a] * ratio;
        }
        return out;
    }

    /** Its further policies learn from the votes of the ones before them, round by round. */
    @Override
    public boolean learnsFromStatistics() {
        return false;
    }

    @Override
    public void learn(double[] context, List<Candidate> candidates, int chosen, double reward, double probability,
                      long roundKey) {
        Round round = new Round(features, context, candidates);
        double[] q = means(round);
        double[] targets = new double[round.size()];
        double[] weights = new double[round.size()];
        for (int a = 0; a < targets.length; a++) {
            targets[a] = a == chosen ? reward : q[a];
            weights[a] = a == chosen ? 1 / probability : 1;
        }
        super.learn(context, candidates, chosen, reward, probability, roundKey);
        votes(round, targets, weights);
        rounds++;
    }

    /** {@code cover}: the policies in the cover, the exploration constant psi and the rounds learned so far. */
    public record Params(@Range(min = 1) int policies, @Range(min = 0) double psi, @Range(min = 0) long rounds) {
    }

    public static final class Kind extends LearnerKind<Params> {
        public Kind() {
            super("cover", new Params(4, 0.1, 0), Cover.class, (p, f, lambda, seed) ->
                    new Cover(f, p.policies(), p.psi(), lambda, p.rounds()));
        }
    }
}
