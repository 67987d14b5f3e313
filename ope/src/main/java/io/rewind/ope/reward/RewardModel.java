package io.rewind.ope.reward;

/** q̂(x, a): a model of the expected reward of each candidate action in a context. */
public interface RewardModel {
    /** Predicted rewards of actions 0..k-1 in context x. */
    double[] predict(double[] x);
}
