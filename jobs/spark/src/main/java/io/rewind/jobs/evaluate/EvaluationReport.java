package io.rewind.jobs.evaluate;

import io.rewind.ope.Estimate;
import java.util.List;

/**
 * What {@code rewind evaluate} found: the target's estimates, the logged policy's own value, and, when an incumbent
 * was given, its estimates and the difference target − incumbent with its interval.
 */
public record EvaluationReport(long rowsIn, long rowsUsed, long quarantined, double level, List<Estimate> target,
                               Estimate logged, List<Estimate> incumbent, List<Estimate> difference) {
}
