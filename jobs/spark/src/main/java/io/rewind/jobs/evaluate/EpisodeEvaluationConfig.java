package io.rewind.jobs.evaluate;

/**
 * What {@code rewind evaluate episodes} reads and computes.
 *
 * @param targetColumn  a column of the episodes with the target's per-step probabilities over all actions, or null
 * @param targetPolicy  a saved batch-RL policy folder whose softmax(Q/T) at each step's state is the target, or null
 *                      (exactly one of the two)
 * @param fqeIterations fitted-Q-evaluation iterations for SDR, WDR and DM (0: importance sampling only)
 */
public record EpisodeEvaluationConfig(EvaluationInput input, String targetColumn, String targetPolicy, double gamma,
                                      int fqeIterations, Intervals intervals, ReportOutputs outputs) {
    public static final double DEFAULT_GAMMA = 0.99;
    public static final int DEFAULT_FQE_ITERATIONS = 30;

    public EpisodeEvaluationConfig {
        if ((targetColumn == null) == (targetPolicy == null)) {
            throw new IllegalArgumentException("episodes: give the target as --target-column NAME or --target-policy"
                    + " PATH (one of them)");
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("--gamma must be in (0, 1]: " + gamma);
        }
        if (fqeIterations < 0) {
            throw new IllegalArgumentException("--fqe-iterations must be 0 or more: " + fqeIterations);
        }
    }

    public static EpisodeEvaluationConfig ofColumn(EvaluationInput input, String column) {
        return new EpisodeEvaluationConfig(input, column, null, DEFAULT_GAMMA, DEFAULT_FQE_ITERATIONS,
                Intervals.DEFAULTS, ReportOutputs.NONE);
    }

    public static EpisodeEvaluationConfig ofPolicy(EvaluationInput input, String policy) {
        return new EpisodeEvaluationConfig(input, null, policy, DEFAULT_GAMMA, DEFAULT_FQE_ITERATIONS,
                Intervals.DEFAULTS, ReportOutputs.NONE);
    }

    public EpisodeEvaluationConfig with(double g, int fqe, Intervals i) {
        return new EpisodeEvaluationConfig(input, targetColumn, targetPolicy, g, fqe, i, outputs);
    }
}
