package io.rewind.jobs.bandit;

/** How {@code rewind train-bandit} passes the training rows to the learner. */
public enum Training {
    /** Every row through the driver in event order, decide then learn, with progressive validation. */
    SEQUENTIAL,
    /**
     * The learner's sufficient statistics computed on the executors, merged in a tree and solved once in the driver:
     * for learners whose model does not depend on the rows' order (not bagging or cover, not the DR reduction).
     */
    DISTRIBUTED
}
