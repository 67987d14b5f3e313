package io.rewind.rl.bandit;

/**
 * A learner's decision: its distribution over the round's candidates and the sampled candidate, so the logged
 * {@code action_prob} is the probability the action was sampled with and {@code action_probs} the whole vector.
 */
public record BanditDecision(double[] probabilities, int chosen) {
    public double chosenProbability() {
        return probabilities[chosen];
    }
}
