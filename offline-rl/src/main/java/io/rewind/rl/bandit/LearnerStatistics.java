package io.rewind.rl.bandit;

import java.io.Serializable;

/**
 * A learner's sufficient statistics: one {@link RidgeStatistics} per ridge model it trains (one, or one per bag),
 * in the update / merge shape of a sketch, so partitions collect them apart and a tree merges them.
 */
public final class LearnerStatistics implements Serializable {
    private final RidgeStatistics[] models;

    public LearnerStatistics(int models, int[] blockSizes) {
        this.models = new RidgeStatistics[models];
        for (int m = 0; m < models; m++) {
            this.models[m] = new RidgeStatistics(blockSizes);
        }
    }

    /** Adds one weighted regression example to model {@code model}'s statistics. */
    public void update(int model, Phi phi, double target, double weight) {
        models[model].update(phi, target, weight);
    }

    /** Adds another partition's statistics to these; returns this. */
    public LearnerStatistics merge(LearnerStatistics other) {
        if (other.models.length != models.length) {
            throw new IllegalArgumentException("statistics of " + other.models.length + " models cannot merge into "
                    + models.length);
        }
        for (int m = 0; m < models.length; m++) {
            models[m].merge(other.models[m]);
        }
        return this;
    }

    public int models() {
        return models.length;
    }

    /**
     * The bytes one copy of the statistics of {@code models} ridge models with these feature blocks takes: Σ_b
     * (size_b² + size_b) doubles per model. Every partition holds a copy while the rows are collected, so this
     * bounds what distributed training may ask of an executor.
     */
    public static long bytes(int models, int[] blockSizes) {
        long cells = 0;
        for (int size : blockSizes) {
            cells += (long) size * size + size;
        }
        return cells * Double.BYTES * models;
    }

    RidgeStatistics model(int m) {
        return models[m];
    }
}
