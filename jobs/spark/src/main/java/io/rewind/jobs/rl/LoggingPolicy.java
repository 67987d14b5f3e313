package io.rewind.jobs.rl;

import io.rewind.jobs.transform.ExecutorModels;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.Transitions;
import io.rewind.rl.env.BehaviourPolicy;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The behaviour policy {@code rewind simulate-rl} logs with, in a form the executors rebuild: fixed action
 * probabilities, or a saved batch-RL policy seen through its softmax.
 */
public record LoggingPolicy(String name, double[] fixed, ExecutorModels.Payload saved) implements Serializable {
    public static LoggingPolicy fixed(double... probs) {
        BehaviourPolicy.fixed(probs);
        return new LoggingPolicy("fixed " + Arrays.toString(probs), probs.clone(), null);
    }

    public static LoggingPolicy uniform(int actions) {
        double[] p = new double[actions];
        Arrays.fill(p, 1.0 / actions);
        return new LoggingPolicy("uniform over " + actions + " actions", p, null);
    }

    /** A train-rl policy folder. */
    public static LoggingPolicy saved(String policy) {
        return new LoggingPolicy(policy, null, ExecutorModels.read(policy));
    }

    /** The policy itself, on the executor that runs it. */
    BehaviourPolicy open() {
        if (fixed != null) {
            return BehaviourPolicy.fixed(fixed);
        }
        DdqnBcq policy = ExecutorModels.rl(saved);
        double t = policy.config().softmaxTemperature();
        return state -> policy.score(new float[][] {Transitions.floats(state)}).softmax(0, t);
    }
}
