package io.rewind.cli;

import io.rewind.jobs.mapping.Mapping;
import io.rewind.jobs.propensity.PropensityEstimation;
import io.rewind.jobs.propensity.PropensityModel;
import picocli.CommandLine.Option;

/** Where a mapped log's propensities come from: {@code --propensities logged} (mapped) or {@code estimate}. */
final class PropensityOptions {
    enum Source { LOGGED, ESTIMATE }

    @Option(names = "--propensities", defaultValue = "logged", description = "logged (default: action_prob is"
            + " mapped from the log) or estimate: fit the logging policy on the log (a classifier of the chosen action"
            + " on the context, --propensity-model, cross-fitted, one per model_id), fill action_prob and"
            + " action_probs with it and mark the rows action_prob_source = estimated")
    Source source;

    @Option(names = "--propensity-model", defaultValue = "logistic", description = "with --propensities estimate:"
            + " the classifier of the chosen action on the context, logistic (multinomial logistic regression) or"
            + " forest (a random forest, for loggers whose choice turns on thresholds or interactions of the"
            + " context) (default ${DEFAULT-VALUE})")
    PropensityModel model;

    @Option(names = "--propensity-floor", defaultValue = "0.001", description = "with --propensities estimate: the"
            + " smallest probability a candidate is given (default 0.001)")
    double floor;

    @Option(names = "--max-calibration-error", defaultValue = "0.05", description = "with --propensities estimate:"
            + " fail when the fitted policy's expected calibration error on the log is above this (default 0.05)")
    double maxCalibrationError;

    /** {@code m} with its propensities estimated when asked; {@code m} null (no mapping) refuses an estimate. */
    Mapping apply(Mapping m) {
        if (source == Source.LOGGED) {
            return m;
        }
        if (m == null) {
            throw new IllegalArgumentException("--propensities estimate reads the log through --mapping, where"
                    + " action_prob may be left unmapped");
        }
        return m.withEstimatedPropensities(PropensityEstimation.DEFAULTS
                .withModel(model)
                .withFloor(floor)
                .withMaxCalibrationError(maxCalibrationError));
    }
}
