package io.rewind.rl.batch;

/** Where the held-out episodes are, the per-epoch estimates of a learner's current policy on them. */
@FunctionalInterface
public interface HeldOut {
    /** PDIS, WIS and SDR of the learner's policy, or null when there are no held-out episodes. */
    OffPolicyMetrics.Estimates estimate(DdqnBcq learner);

    /** Held-out episodes in memory (none when {@code eval} is empty). */
    static HeldOut of(Transitions eval) {
        return learner -> eval.size() == 0 ? null : OffPolicyMetrics.estimate(learner, eval, 0.95);
    }
}
