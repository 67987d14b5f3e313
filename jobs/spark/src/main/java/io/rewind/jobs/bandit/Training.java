package io.rewind.jobs.bandit;

/** How {@code rewind train-bandit} passes the training rows to the learner. */
public enum Training {
    /** Every row through the driver in event order, decide then learn, with progressive validation. */
    SEQUENTIAL,
    /**
     * The learner's sufficient statistics computed on the executors, merged in a tree and solved once in the driver:
     * for learners whose model does not depend on the rows' order (not cover, not the DR reduction).
     */
    DISTRIBUTED,
    /** Distributed when the learner and its reduction allow it, sequential when they do not: the CLI's default. */
    AUTO;

    /** The mode a learner trains in: this one, or for {@link #AUTO} the one the learner allows. */
    public Training resolve(io.rewind.rl.bandit.LinearLearner learner) {
        if (this != AUTO) {
            return this;
        }
        return learner.learnsFromStatistics() ? DISTRIBUTED : SEQUENTIAL;
    }
}
