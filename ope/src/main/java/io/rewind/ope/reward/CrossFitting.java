package io.rewind.ope.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Cross-fitting (Chernozhukov et al. 2018, "Double/debiased machine learning"): the rows are cut into K folds and
 * each fold is scored by a model fitted on the other folds, so no row's q̂ comes from a model that saw it.
 */
public final class CrossFitting {
    private CrossFitting() {
    }

    /**
     * @param fold the fold of each row, 0..k-1 (for example a hash of its id)
     * @param fit fits a model on the rows given
     * @return one model per fold, fitted without that fold
     */
    public static <T> List<RewardModel> fit(List<T> rows, int k, java.util.function.ToIntFunction<T> fold,
                                            Function<List<T>, RewardModel> fit) {
        if (k < 2) {
            throw new IllegalArgumentException("cross-fitting needs at least 2 folds, got " + k);
        }
        List<RewardModel> models = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<T> others = new ArrayList<>();
            for (T row : rows) {
                if (fold.applyAsInt(row) != f) {
                    others.add(row);
                }
            }
            models.add(fit.apply(others));
        }
        return models;
    }
}
