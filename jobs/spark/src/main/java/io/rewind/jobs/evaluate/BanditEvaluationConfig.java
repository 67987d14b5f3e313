package io.rewind.jobs.evaluate;

/**
 * What {@code rewind evaluate bandit} reads and computes.
 *
 * @param split        the rows of the interactions' split to evaluate on
 * @param observedOnly use only interactions whose reward was observed (right when rewards go missing independently
 *                     of the action); otherwise the join's default reward counts as the outcome of the unrewarded
 * @param target       the policy to evaluate (exactly one source)
 * @param incumbent    a second policy to compare the target with ({@link PolicySource#NONE}: none); a table or a
 *                     model, not a column
 */
public record BanditEvaluationConfig(EvaluationInput input, SplitSelection split, boolean observedOnly,
                                     PolicySource target, PolicySource incumbent, BanditEstimation estimation,
                                     Intervals intervals, ReportOutputs outputs) {
    public BanditEvaluationConfig {
        if (target.sources() != 1) {
            throw new IllegalArgumentException("give the target policy as --target TABLE, --target-column NAME or"
                    + " --target-model PATH (one of them)");
        }
        if (incumbent.sources() > 1) {
            throw new IllegalArgumentException("give the incumbent as --incumbent TABLE or --incumbent-model PATH,"
                    + " not both");
        }
        if (incumbent.column() != null) {
            throw new IllegalArgumentException("the incumbent is a decisions table or a model, not a column");
        }
    }

    /** The defaults of every option but the input and the target. */
    public static BanditEvaluationConfig of(EvaluationInput input, PolicySource target) {
        return new BanditEvaluationConfig(input, SplitSelection.ALL, false, target, PolicySource.NONE,
                BanditEstimation.DEFAULTS, Intervals.DEFAULTS, ReportOutputs.NONE);
    }

    public BanditEvaluationConfig withSplit(SplitSelection s, boolean observed) {
        return new BanditEvaluationConfig(input, s, observed, target, incumbent, estimation, intervals, outputs);
    }

    public BanditEvaluationConfig withIncumbent(PolicySource i) {
        return new BanditEvaluationConfig(input, split, observedOnly, target, i, estimation, intervals, outputs);
    }

    public BanditEvaluationConfig withEstimation(BanditEstimation e) {
        return new BanditEvaluationConfig(input, split, observedOnly, target, incumbent, e, intervals, outputs);
    }

    public BanditEvaluationConfig withIntervals(Intervals i) {
        return new BanditEvaluationConfig(input, split, observedOnly, target, incumbent, estimation, i, outputs);
    }

    public BanditEvaluationConfig withOutputs(ReportOutputs o) {
        return new BanditEvaluationConfig(input, split, observedOnly, target, incumbent, estimation, intervals, o);
    }

    public boolean compares() {
        return incumbent.given();
    }
}
