package io.rewind.jobs.evaluate;

import java.util.List;

/**
 * What the logged propensities look like and what in them cannot be right, in every evaluation report: the trackers
 * of the libraries Rewind's users come from show logs whose propensities are placeholders (all 1, one constant),
 * and estimators that use them silently (coba #44, ReAgent #133). A propensity that disagrees with the logged
 * distribution is a row rule of the tables: such rows are quarantined when read.
 *
 * @param rows          rows checked
 * @param estimated     rows whose propensities were estimated from the log, not logged
 *                      ({@code action_prob_source = estimated}): every estimate rests on the fitted logging policy
 * @param tiny          rows whose chosen action's probability is under {@link PropensityCheck#TINY}
 * @param suspect       the tiny ones, or every row when a finding concerns the whole log; they count
 *                      against {@code --max-bad-fraction}
 * @param min           smallest propensity
 * @param max           largest propensity
 * @param maxCandidates most candidates any decision had
 * @param uniformityP   when every propensity is the same: the chi-square p-value of the chosen actions' counts
 *                      against the uniform choice that propensity claims (null otherwise)
 * @param findings      what was found, one sentence each (empty: nothing)
 */
public record PropensityDiagnostics(long rows, long estimated, long tiny, long suspect, double min, double max,
                                    int maxCandidates, Double uniformityP, List<String> findings) {
    public PropensityDiagnostics {
        findings = List.copyOf(findings);
    }

    /** The console's lines: one summary, then each finding. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format("propensities: %d rows%s in [%.6g, %.6g], %d under %.0e%s",
                rows, estimated == 0 ? "" : " (" + estimated + " estimated, not logged)", min, max, tiny,
                PropensityCheck.TINY,
                uniformityP == null ? "" : String.format(", all equal: chosen actions vs uniform p = %.3g",
                        uniformityP)));
        sb.append('\n');
        findings.forEach(f -> sb.append("propensities: ").append(f).append('\n'));
        return sb.toString();
    }
}
