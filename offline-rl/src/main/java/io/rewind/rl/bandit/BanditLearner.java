package io.rewind.rl.bandit;

import io.rewind.formats.Candidate;
import java.util.List;
import java.util.SplittableRandom;

/** A contextual-bandit learner over action-dependent features: decide, then learn from the reward. */
public interface BanditLearner {
    String name();

    BanditDecision decide(double[] context, List<Candidate> candidates, SplittableRandom rng);

    /**
     * Learns from one logged round. {@code probability} is the logging probability of {@code chosen}; learners
     * that correct for it (importance-weighted regression) divide by it.
     */
    void learn(double[] context, Candidate chosen, double reward, double probability);
}
