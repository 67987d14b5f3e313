package io.rewind.jobs.evaluate;

import io.rewind.formats.TableFormat;
import java.util.List;

/**
 * What {@code rewind evaluate} reads and computes.
 *
 * @param target a decisions table holding the target policy's {@code action_probs} for the same events, or null
 *               when {@code targetColumn} names a column of the input that holds them
 * @param incumbent an optional second policy (decisions table) to compare the target with, or null
 * @param split {@code all}, {@code train} or {@code eval}
 * @param observedOnly use only interactions whose reward was observed (right when rewards go missing independently
 *                     of the action; the default reward otherwise counts as an outcome)
 * @param estimators names: ips, snips, dm, dr, sndr, switch-dr, dros
 * @param targetModel a saved Rewind bandit model whose distribution over each row's candidates is the target, or
 *                    null
 * @param incumbentModel a saved model as the incumbent, or null
 * @param rewardModel the learner of the cross-fitted reward model: {@code mllib} (logistic or linear regression)
 *                    or {@code ridge} (the bandit learners' ridge regression, from offline-rl)
 */
public record EvaluateConfig(List<String> data, TableFormat dataFormat, String split, boolean observedOnly,
                             List<String> target,
                             TableFormat targetFormat, String targetColumn, List<String> incumbent, TableFormat incumbentFormat,
                             List<String> estimators, double clip, double tau, double lambda, int folds,
                             int replicates, double level, long seed, String report, String chart,
                             double maxBadFraction, String targetModel, String incumbentModel,
                             String rewardModel) {
    public EvaluateConfig(List<String> data, TableFormat dataFormat, String split, boolean observedOnly,
                          List<String> target, TableFormat targetFormat, String targetColumn, List<String> incumbent,
                          TableFormat incumbentFormat, List<String> estimators, double clip, double tau, double lambda,
                          int folds, int replicates, double level, long seed, String report, String chart,
                          double maxBadFraction, String targetModel, String incumbentModel) {
        this(data, dataFormat, split, observedOnly, target, targetFormat, targetColumn, incumbent, incumbentFormat,
                estimators, clip, tau, lambda, folds, replicates, level, seed, report, chart, maxBadFraction,
                targetModel, incumbentModel, "mllib");
    }

    public EvaluateConfig(List<String> data, TableFormat dataFormat, String split, boolean observedOnly,
                          List<String> target, TableFormat targetFormat, String targetColumn, List<String> incumbent,
                          TableFormat incumbentFormat, List<String> estimators, double clip, double tau, double lambda,
                          int folds, int replicates, double level, long seed, String report, String chart,
                          double maxBadFraction) {
        this(data, dataFormat, split, observedOnly, target, targetFormat, targetColumn, incumbent, incumbentFormat,
                estimators, clip, tau, lambda, folds, replicates, level, seed, report, chart, maxBadFraction, null,
                null, "mllib");
    }

    public EvaluateConfig {
        if (!List.of("all", "train", "eval").contains(split)) {
            throw new IllegalArgumentException("--split must be all, train or eval, not " + split);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("--level must be in (0, 1): " + level);
        }
        int sources = (target == null || target.isEmpty() ? 0 : 1) + (targetColumn == null ? 0 : 1)
                + (targetModel == null ? 0 : 1);
        if (sources != 1) {
            throw new IllegalArgumentException("give the target policy as --target TABLE, --target-column NAME or"
                    + " --target-model PATH (one of them)");
        }
        if (incumbentModel != null && incumbent != null && !incumbent.isEmpty()) {
            throw new IllegalArgumentException("give the incumbent as --incumbent TABLE or --incumbent-model PATH,"
                    + " not both");
        }
        if (!List.of("mllib", "ridge").contains(rewardModel)) {
            throw new IllegalArgumentException("--reward-model must be mllib or ridge, not " + rewardModel);
        }
        estimators = List.copyOf(estimators);
    }

    /** The learner each cross-fitting fold's reward model is fitted with. */
    public io.rewind.ope.spark.RewardRegressor regressor() {
        return rewardModel.equals("ridge") ? new RidgeRewardRegressor(1.0)
                : new io.rewind.ope.spark.MllibRewardRegressor(1e-3);
    }
}
