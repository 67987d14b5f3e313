package io.rewind.rl.bandit;

/**
 * A ranked top-k decision: {@code ranking[j]} is the index (into the round's candidates) of the item at slot j,
 * drawn slot by slot without replacement; {@code slotProbabilities[j]} is the probability that item had at slot j
 * given the slots above it (what the slate estimators need), and {@code firstSlot} the whole distribution of the
 * first slot over all candidates.
 */
public record SlateDecision(int[] ranking, double[] slotProbabilities, double[] firstSlot) {
}
