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
 */
public record EvaluateConfig(List<String> data, TableFormat dataFormat, String split, boolean observedOnly,
                             List<String> target,
                             TableFormat targetFormat, String targetColumn, List<String> incumbent, TableFormat incumbentFormat,
                             List<String> estimators, double clip, double tau, double lambda, int folds,
                             int replicates, double level, long seed, String report, String chart,
                             double maxBadFraction) {
    public EvaluateConfig {
        if (!List.of("all", "train", "eval").contains(split)) {
            throw new IllegalArgumentException("--split must be all, train or eval, not " + split);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("--level must be in (0, 1): " + level);
        }
        if ((target == null || target.isEmpty()) == (targetColumn == null)) {
            throw new IllegalArgumentException("give the target policy as --target TABLE or --target-column NAME"
                    + " (one of them)");
        }
        estimators = List.copyOf(estimators);
    }
}
