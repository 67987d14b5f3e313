package io.rewind.rl.env;

/** A policy that logs episodes: its distribution over the actions in a state. */
@FunctionalInterface
public interface BehaviourPolicy {
    double[] probabilities(double[] state);

    /** The same distribution in every state, such as the seed's uniform random policy [0.5, 0.5]. */
    static BehaviourPolicy fixed(double... probs) {
        double sum = 0;
        for (double p : probs) {
            if (!(p >= 0)) {
                throw new IllegalArgumentException("a probability must be non-negative: " + p);
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("probabilities must sum to 1, they sum to " + sum);
        }
        double[] copy = probs.clone();
        return s -> copy.clone();
    }
}
