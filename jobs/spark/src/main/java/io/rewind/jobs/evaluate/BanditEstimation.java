package io.rewind.jobs.evaluate;

import io.rewind.ope.Estimator;
import io.rewind.ope.bandit.BanditSample;
import io.rewind.ope.embedding.EmbeddingSample;
import java.util.List;

/**
 * Which bandit estimators and how: IPS weight clipping, Switch-DR's threshold, DRos' shrinkage, the cross-fitted
 * reward model behind DM and the DR family, and the factor Γ by which fitted propensities' odds may be off when the
 * report bounds SNIPS ({@link io.rewind.ope.bandit.SnipsSensitivity}).
 */
public record BanditEstimation(List<BanditEstimator> estimators, double clip, double tau, double lambda, int folds,
                               RewardModelKind rewardModel, double sensitivity) {
    public static final BanditEstimation DEFAULTS = new BanditEstimation(List.of(BanditEstimator.IPS,
            BanditEstimator.SNIPS, BanditEstimator.DM, BanditEstimator.DR, BanditEstimator.SNDR),
            Double.POSITIVE_INFINITY, 100, 100, 3, RewardModelKind.GLM, 1.5);

    public BanditEstimation {
        estimators = List.copyOf(estimators);
        if (estimators.isEmpty()) {
            throw new IllegalArgumentException("no estimators given (--estimators)");
        }
        if (!(clip > 0)) {
            throw new IllegalArgumentException("--clip must be above 0: " + clip);
        }
        if (folds < 2) {
            throw new IllegalArgumentException("--folds must be at least 2: " + folds);
        }
        if (!(sensitivity >= 1)) {
            throw new IllegalArgumentException("--propensity-sensitivity must be 1 or more: " + sensitivity);
        }
    }

    public BanditEstimation withEstimators(BanditEstimator... e) {
        return new BanditEstimation(List.of(e), clip, tau, lambda, folds, rewardModel, sensitivity);
    }

    public BanditEstimation withRewardModel(RewardModelKind kind) {
        return new BanditEstimation(estimators, clip, tau, lambda, folds, kind, sensitivity);
    }

    public BanditEstimation withSensitivity(double gamma) {
        return new BanditEstimation(estimators, clip, tau, lambda, folds, rewardModel, gamma);
    }

    public boolean needsRewardModel() {
        return estimators.stream().anyMatch(BanditEstimator::needsRewardModel);
    }

    /** The estimators that weigh actions. */
    public List<Estimator<BanditSample>> create() {
        return estimators.stream().filter(e -> !e.onEmbeddings()).map(e -> e.create(this)).toList();
    }

    /** The estimators that weigh the chosen action's embedding (MIPS and SNMIPS). */
    public List<Estimator<EmbeddingSample>> createOnEmbeddings() {
        return estimators.stream().filter(BanditEstimator::onEmbeddings).map(BanditEstimator::createOnEmbeddings)
                .toList();
    }

    public boolean onEmbeddings() {
        return estimators.stream().anyMatch(BanditEstimator::onEmbeddings);
    }
}
