package io.rewind.rl.env;

import java.util.SplittableRandom;

/**
 * An episodic simulator: states are vectors of {@link #stateDim()} numbers, actions are 0 to {@link #actions()} − 1.
 * An instance plays one episode at a time; its randomness comes from the stream it is given.
 */
public interface Environment {
    int stateDim();

    int actions();

    /** Starts an episode; returns the first observation. */
    double[] reset(SplittableRandom r);

    /** Takes {@code action} in the current state. */
    Step step(int action, SplittableRandom r);

    /** The outcome of one step; {@code truncated} when a step limit, not the task, ended the episode. */
    record Step(double[] state, double reward, boolean done, boolean truncated) {
    }
}
