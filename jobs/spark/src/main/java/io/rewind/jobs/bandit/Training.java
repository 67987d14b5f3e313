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
    /**
     * Distributed when the learner and its reduction allow it and its statistics fit {@link #MAX_STATISTICS_BYTES},
     * sequential when not: the CLI's default.
     */
    AUTO;

    /**
     * The most one copy of a learner's statistics may take for distributed training: every partition holds one
     * while its rows are collected, and executors commonly have a gigabyte or a few.
     */
    public static final long MAX_STATISTICS_BYTES = 256L << 20;

    /** The mode a learner trains in: this one (checked), or for {@link #AUTO} the one the learner allows. */
    public Training resolve(io.rewind.rl.bandit.LinearLearner learner) {
        boolean fits = learner.statisticsBytes() <= MAX_STATISTICS_BYTES;
        if (this == DISTRIBUTED && !fits) {
            throw new IllegalArgumentException(String.format("--training distributed: %s's statistics would take %d"
                    + " MB in every partition (a block of Σ wφφᵀ per arm and bucket, one per bag), over the %d MB"
                    + " distributed training allows; use fewer features (no --quadratic), fewer --arm-buckets, or"
                    + " --training sequential", learner.name(), learner.statisticsBytes() >> 20,
                    MAX_STATISTICS_BYTES >> 20));
        }
        if (this != AUTO) {
            return this;
        }
        return learner.learnsFromStatistics() && fits ? DISTRIBUTED : SEQUENTIAL;
    }
}
