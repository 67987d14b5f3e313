package io.rewind.rl.bandit;

import io.rewind.formats.Candidate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * RegCB, optimistic variant: every candidate's reward is bounded above by the largest prediction of any regressor
 * whose squared loss on the data so far is within Δ of the best one's, and the candidates with the highest bound
 * share probability 1. Foster, Agarwal, Dudík, Luo &amp; Schapire (2018), "Practical contextual bandits with
 * regression oracles". Δ keeps VW's {@code --mellowness} meaning: Δ_t = c₀ · ln(K·t) · (r_max − r_min)², with t
 * the rounds learned. For the ridge regressor the set {θ : L(θ) − L(θ̂) ≤ Δ} is the ellipsoid
 * (θ − θ̂)ᵀA(θ − θ̂) ≤ Δ, so the bound is exact: θ̂·φ + √(Δ · φᵀA⁻¹φ), clipped to [r_min, r_max]. Like VW it learns
 * without importance weights.
 */
public final class RegCbOpt extends LinearLearner {
    private final double mellowness;
    private final double rewardMin;
    private final double rewardMax;
    private long rounds;

    public RegCbOpt(FeatureMap features, double mellowness, double rewardMin, double rewardMax, double lambda,
                    long rounds) {
        super(features, lambda);
        if (!(rewardMax > rewardMin)) {
            throw new IllegalArgumentException("regcb-opt needs reward_min < reward_max");
        }
        this.mellowness = mellowness;
        this.rewardMin = rewardMin;
        this.rewardMax = rewardMax;
        this.rounds = rounds;
    }

    @Override
    public Map<String, Double> parameters() {
        return Map.of("mellowness", mellowness, "reward_min", rewardMin, "reward_max", rewardMax,
                "rounds", (double) rounds);
    }

    @Override
    public String name() {
        return "regcb-opt(" + mellowness + ")";
    }

    @Override
    protected double[] distribution(Round round, SplittableRandom rng) {
        double range = rewardMax - rewardMin;
        double delta = mellowness * Math.log(Math.max(1, (double) round.size() * rounds)) * range * range;
        double[] upper = means(round);
        double[] width = round.widths(scorer);
        for (int a = 0; a < upper.length; a++) {
            double bound = upper[a] + Math.sqrt(delta) * width[a];
            upper[a] = Math.max(rewardMin, Math.min(rewardMax, bound));
        }
        return uniformOverTies(upper);
    }

    @Override
    protected void examples(double[] context, List<Candidate> candidates, int chosen, double reward,
                            double probability, Sink sink) {
        sink.add(features.phi(context, candidates.get(chosen)), reward, 1);
    }

    /** Its examples are the chosen candidates' rewards with weight 1 whatever the reduction, so any order will do. */
    @Override
    public boolean learnsFromStatistics() {
        return true;
    }

    @Override
    protected void learnedRounds(long n) {
        rounds += n;
    }

    /** {@code regcb-opt}: the confidence width (mellowness), the reward range and the rounds learned so far. */
    public record Params(@Range(min = 0, minExcluded = true) double mellowness, double rewardMin, double rewardMax,
                         @Range(min = 0) long rounds) {
    }

    public static final class Kind extends LearnerKind<Params> {
        public Kind() {
            super("regcb-opt", new Params(0.1, 0.0, 1.0, 0), RegCbOpt.class, (p, f, lambda, seed) ->
                    new RegCbOpt(f, p.mellowness(), p.rewardMin(), p.rewardMax(), lambda, p.rounds()));
        }
    }
}
