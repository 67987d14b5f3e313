package io.rewind.rl.batch;

import java.util.List;

/**
 * The DDQN+BCQ learner's settings: a plain, immutable config.
 *
 * @param hidden sizes of the hidden layers of the Q and imitation networks (ReLU)
 * @param learningRate Adam's learning rate
 * @param batchSize transitions per gradient step
 * @param gamma discount
 * @param targetUpdateRate τ: every {@code targetUpdateEvery} steps the target network moves to τ·online + (1 − τ)·target
 *                         (1 copies it)
 * @param targetUpdateEvery gradient steps between target updates
 * @param bcqThreshold actions whose imitation probability divided by the most likely action's is below this are
 *                     excluded (0 turns BCQ off: plain double DQN)
 * @param epochs passes over the training transitions
 * @param seed seeds the network initialisation and the minibatch order
 * @param softmaxTemperature the target policy the off-policy estimators see is softmax(Q/T) over the allowed actions
 */
public record DqnConfig(List<Integer> hidden, double learningRate, int batchSize, double gamma,
                        double targetUpdateRate, int targetUpdateEvery, double bcqThreshold, int epochs, long seed,
                        double softmaxTemperature) implements java.io.Serializable {
    public DqnConfig {
        hidden = List.copyOf(hidden);
        if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("hidden layers must be positive sizes: " + hidden);
        }
        if (!(learningRate > 0) || batchSize < 1 || !(gamma >= 0 && gamma <= 1) || !(targetUpdateRate > 0
                && targetUpdateRate <= 1) || targetUpdateEvery < 1 || !(bcqThreshold >= 0 && bcqThreshold <= 1)
                || epochs < 1 || !(softmaxTemperature > 0)) {
            throw new IllegalArgumentException("invalid DQN config: " + hiddenless(learningRate, batchSize, gamma,
                    targetUpdateRate, targetUpdateEvery, bcqThreshold, epochs, softmaxTemperature));
        }
    }

    private static String hiddenless(double lr, int batch, double gamma, double tau, int every, double bcq, int epochs,
                                     double temperature) {
        return "learning_rate " + lr + ", batch_size " + batch + ", gamma " + gamma + ", target_update_rate " + tau
                + ", target_update_every " + every + ", bcq_threshold " + bcq + ", epochs " + epochs
                + ", softmax_temperature " + temperature;
    }

    /** The defaults the benchmarks use. */
    public static DqnConfig defaults() {
        return new DqnConfig(List.of(64, 64), 3e-4, 128, 0.99, 1.0, 100, 0.3, 50, 1, 1.0);
    }

    public DqnConfig withLearningRate(double rate) {
        return new DqnConfig(hidden, rate, batchSize, gamma, targetUpdateRate, targetUpdateEvery, bcqThreshold,
                epochs, seed, softmaxTemperature);
    }

    /**
     * One of {@code n} data-parallel workers' settings, each step of which goes with n − 1 other workers' steps on
     * other minibatches, as one step on a batch n times larger: the learning rate n times this one (the linear
     * scaling rule of Goyal et al. 2017, "Accurate, large minibatch SGD"), and the target network updated after n
     * times fewer steps, so that it lags the online network by the same amount of data: every every/n steps
     * (rounded), τ raised to cover the data of the steps between, 1 − (1 − τ)^(steps · n / every).
     */
    public DqnConfig forWorkers(int n) {
        if (n == 1) {
            return this;
        }
        int every = Math.max(1, Math.round((float) targetUpdateEvery / n));
        double rate = 1 - Math.pow(1 - targetUpdateRate, (double) every * n / targetUpdateEvery);
        return new DqnConfig(hidden, learningRate * n, batchSize, gamma, Math.min(1, rate), every, bcqThreshold,
                epochs, seed, softmaxTemperature);
    }

    public DqnConfig withEpochs(int e) {
        return new DqnConfig(hidden, learningRate, batchSize, gamma, targetUpdateRate, targetUpdateEvery,
                bcqThreshold, e, seed, softmaxTemperature);
    }

    public DqnConfig withSeed(long s) {
        return new DqnConfig(hidden, learningRate, batchSize, gamma, targetUpdateRate, targetUpdateEvery,
                bcqThreshold, epochs, s, softmaxTemperature);
    }
}
