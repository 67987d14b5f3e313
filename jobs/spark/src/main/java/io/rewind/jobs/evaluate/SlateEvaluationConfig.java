package io.rewind.jobs.evaluate;

/**
 * What {@code rewind evaluate slates} reads and computes.
 *
 * @param target a decisions table with the target's {@code action_probs} over each slate's candidates
 */
public record SlateEvaluationConfig(EvaluationInput input, PolicySource target, Intervals intervals,
                                    ReportOutputs outputs) {
    public SlateEvaluationConfig {
        if (target.table() == null || target.sources() != 1) {
            throw new IllegalArgumentException("slates: give the target as --target TABLE (a decisions table with"
                    + " action_probs)");
        }
    }

    public static SlateEvaluationConfig of(EvaluationInput input, PolicySource target) {
        return new SlateEvaluationConfig(input, target, Intervals.DEFAULTS, ReportOutputs.NONE);
    }

    public SlateEvaluationConfig withIntervals(Intervals i) {
        return new SlateEvaluationConfig(input, target, i, outputs);
    }
}
