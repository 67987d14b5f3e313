package io.rewind.ope.multilogger;

import io.rewind.ope.OpeSample;
import io.rewind.ope.bandit.BanditSample;

/**
 * A logged round from a log that several logging policies wrote (a model replaced mid-week, two served side by
 * side): the round as its own logger logged it, which logger that was, and, where every logger's policy is known at
 * this round's context, the average logging policy's probability of the logged action.
 *
 * @param round             the round, with the probability its own logger π_k gave the logged action
 * @param logger            0-based index of the logger that wrote it (its stratum)
 * @param averageLoggedProb π_avg(a|x) = Σ_k (n_k / n) π_k(a|x) over all loggers; NaN where not every logger's
 *                          policy is known, which only the balanced estimators need
 * @param divergence        Σ_a π_e(a|x)² / π_k(a|x) over the round's candidates, from its logger's full
 *                          distribution: E[w²] at this context; NaN where that distribution was not logged, and
 *                          the weighted estimators use the sampled w² instead
 */
public record LoggerSample(BanditSample round, int logger, double averageLoggedProb, double divergence)
        implements OpeSample {
    public LoggerSample {
        if (logger < 0) {
            throw new IllegalArgumentException("logger index must be >= 0, was " + logger);
        }
        if (!Double.isNaN(averageLoggedProb) && !(averageLoggedProb > 0 && averageLoggedProb <= 1 + 1e-9)) {
            throw new IllegalArgumentException("average logged probability must be in (0, 1], was "
                    + averageLoggedProb);
        }
    }

    /** A round whose loggers' other policies are unknown and whose logger's distribution was not logged. */
    public LoggerSample(BanditSample round, int logger) {
        this(round, logger, Double.NaN, Double.NaN);
    }

    /**
     * Σ_a π_e(a|x)² / π_k(a|x) from both policies' distributions over the round's candidates (a candidate the logger
     * never takes and the target does makes it infinite: that logger cannot evaluate the target at x).
     */
    public static double divergence(double[] target, double[] logged) {
        double d = 0;
        for (int a = 0; a < target.length; a++) {
            if (target[a] > 0) {
                d += target[a] * target[a] / logged[a];
            }
        }
        return d;
    }

    /** E[w²] at this round: its {@link #divergence} where logged, else the sampled weight's square. */
    double secondMoment() {
        return Double.isNaN(divergence) ? weight() * weight() : divergence;
    }

    @Override
    public long id() {
        return round.id();
    }

    /** The importance weight against the round's own logger, π_e(a|x) / π_k(a|x). */
    @Override
    public double weight() {
        return round.weight();
    }

    /** The importance weight against the average logger, π_e(a|x) / π_avg(a|x) (Agarwal et al. 2017). */
    public double balancedWeight() {
        if (Double.isNaN(averageLoggedProb)) {
            throw new IllegalStateException("round " + round.id() + ": the balanced estimators need every logger's"
                    + " probability of the logged action (averageLoggedProb)");
        }
        return round.targetProb() / averageLoggedProb;
    }
}
