package io.rewind.jobs.evaluate;

import io.rewind.ope.spark.MllibRewardRegressor;
import io.rewind.ope.spark.RewardRegressor;

/** The learner each cross-fitting fold's reward model is fitted with ({@code --reward-model}). */
public enum RewardModelKind {
    /** Spark MLlib: logistic regression for binary rewards, linear regression otherwise. */
    MLLIB,
    /** The bandit learners' ridge regression from offline-rl, fitted from XᵀX and Xᵀy in one Spark aggregation. */
    RIDGE;

    public RewardRegressor regressor() {
        return this == RIDGE ? new RidgeRewardRegressor(1.0) : new MllibRewardRegressor(1e-3);
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
