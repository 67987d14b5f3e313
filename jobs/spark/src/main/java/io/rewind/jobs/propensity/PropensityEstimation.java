package io.rewind.jobs.propensity;

/**
 * How {@code --propensities estimate} fits the logging policy: the classifier, cross-fitting folds (no row's
 * propensity comes from a model that saw it), the floor every estimated probability is raised to, the multinomial
 * logistic regression's L2 penalty, and the calibration error past which the job fails.
 */
public record PropensityEstimation(PropensityModel model, int folds, double floor, double regParam,
                                   double maxCalibrationError) {
    public static final PropensityEstimation DEFAULTS = new PropensityEstimation(PropensityModel.LOGISTIC, 3, 1e-3,
            1e-4, 0.05);

    public PropensityEstimation {
        if (folds < 2) {
            throw new IllegalArgumentException("propensity estimation needs at least 2 folds: " + folds);
        }
        if (!(floor > 0 && floor < 1)) {
            throw new IllegalArgumentException("--propensity-floor must be in (0, 1): " + floor);
        }
        if (!(maxCalibrationError > 0 && maxCalibrationError <= 1)) {
            throw new IllegalArgumentException("--max-calibration-error must be in (0, 1]: " + maxCalibrationError);
        }
    }

    public PropensityEstimation withFloor(double f) {
        return new PropensityEstimation(model, folds, f, regParam, maxCalibrationError);
    }

    public PropensityEstimation withMaxCalibrationError(double e) {
        return new PropensityEstimation(model, folds, floor, regParam, e);
    }

    public PropensityEstimation withModel(PropensityModel m) {
        return new PropensityEstimation(m, folds, floor, regParam, maxCalibrationError);
    }
}
