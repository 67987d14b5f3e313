package io.rewind.rl.bandit;

import io.rewind.formats.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A contextual-bandit learner over action-dependent features: decide, then learn from the reward. */
public interface BanditLearner {
    String name();

    BanditDecision decide(double[] context, List<Candidate> candidates, SplittableRandom rng);

    /**
     * Learns from one logged round: the candidates offered, the index of the chosen one, its reward and the
     * probability it was chosen with. How the probability is used depends on the learner's {@link Reduction}.
     */
    void learn(double[] context, List<Candidate> candidates, int chosen, double reward, double probability);

    /**
     * A ranked top-k list: slot j is sampled from the learner's distribution over the candidates not yet ranked,
     * as VW's top-k agents do by re-asking with the chosen item removed.
     */
    default SlateDecision decideSlate(double[] context, List<Candidate> candidates, int k, SplittableRandom rng) {
        if (k < 1 || k > candidates.size()) {
            throw new IllegalArgumentException("top_k " + k + " with " + candidates.size() + " candidates");
        }
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            left.add(i);
        }
        int[] ranking = new int[k];
        double[] probs = new double[k];
        double[] first = null;
        for (int j = 0; j < k; j++) {
            List<Candidate> pool = left.stream().map(candidates::get).toList();
            BanditDecision d = decide(context, pool, rng);
            if (j == 0) {
                first = d.probabilities();
            }
            ranking[j] = left.remove(d.chosen()).intValue();
            probs[j] = d.chosenProbability();
        }
        return new SlateDecision(ranking, probs, first);
    }

    /**
     * Learns from a slate's per-slot feedback: slot j is learned as a round over the candidates that were still
     * unranked at slot j, with that slot's probability. A NaN reward means no feedback (cascade slots below the
     * click) and is skipped.
     */
    default void learnSlate(double[] context, List<Candidate> candidates, SlateDecision slate, double[] slotRewards) {
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            left.add(i);
        }
        for (int j = 0; j < slate.ranking().length; j++) {
            int position = left.indexOf(slate.ranking()[j]);
            if (!Double.isNaN(slotRewards[j])) {
                learn(context, left.stream().map(candidates::get).toList(), position, slotRewards[j],
                        slate.slotProbabilities()[j]);
            }
            left.remove(position);
        }
    }
}
