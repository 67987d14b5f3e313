package io.rewind.jobs.evaluate;

import java.util.List;

/**
 * What any evaluation found: the target's estimates with their intervals and, where the evaluation has them, the
 * logged policy's own value, the incumbent's estimates and the difference target − incumbent (what promotion gates
 * on). Written as JSON with snake_case keys ({@link ReportWriter}).
 *
 * @param rowsIn     rows read (the input's rows after the split filter, malformed ones included)
 * @param rowsUsed   rows the estimates are computed from; {@code rowsIn = rowsUsed + unusable}
 * @param samples    what the estimators average over: interactions, episodes or slates
 * @param unrewarded how unrewarded decisions were counted (bandit evaluations), or null
 * @param notes      what the reader should know about the result (an estimator left out and why)
 * @param propensities what the logged propensities look like and what in them cannot be right
 * @param loggers    the logging policies (model_id) the used rows came from, with their row counts (bandit
 *                   evaluations; empty otherwise)
 * @param propensitySensitivity where the propensities were fitted (bandit evaluations): how far SNIPS can move if
 *                   each fitted propensity's odds are off by up to a factor Γ; null otherwise
 */
public record EvaluationReport(Kind evaluation, long rowsIn, long rowsUsed, long unusable, long samples, double level,
                               List<io.rewind.ope.Estimate> target, io.rewind.ope.Estimate logged,
                               List<io.rewind.ope.Estimate> incumbent, List<io.rewind.ope.Estimate> difference,
                               Unrewarded unrewarded, List<String> notes, PropensityDiagnostics propensities,
                               List<Loggers.Share> loggers,
                               io.rewind.ope.bandit.SnipsSensitivity.Bounds propensitySensitivity) {
    /** Which evaluation wrote the report. */
    public enum Kind { BANDIT, EPISODES, SLATES }

    /**
     * Decisions whose reward never came within the join's window.
     *
     * @param count   how many of the rows read had no observed reward
     * @param dropped true when they were left out ({@code --observed-only}); false when the join's default reward
     *                counted as their outcome
     */
    public record Unrewarded(long count, boolean dropped) {
        public String describe() {
            return count + " unrewarded decisions " + (dropped ? "left out (--observed-only)"
                    : "counted with the join's default reward (--observed-only leaves them out)");
        }
    }

    public EvaluationReport {
        target = List.copyOf(target);
        notes = notes == null ? List.of() : List.copyOf(notes);
        loggers = loggers == null ? List.of() : List.copyOf(loggers);
    }
}
