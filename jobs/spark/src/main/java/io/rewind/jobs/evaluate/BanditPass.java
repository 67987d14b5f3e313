package io.rewind.jobs.evaluate;

import io.rewind.ope.Difference;
import io.rewind.ope.Estimator;
import io.rewind.ope.Evaluation;
import io.rewind.ope.Paired;
import io.rewind.ope.bandit.BanditSample;
import io.rewind.ope.bandit.Ips;
import io.rewind.ope.embedding.EmbeddingSample;
import io.rewind.ope.multilogger.LoggerSample;
import io.rewind.ope.spark.SparkBanditEvaluation;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Everything {@code evaluate bandit} estimates, from one pass over the samples: the target's estimates, the logged
 * policy's value (IPS with the logged probabilities as the target's: the mean reward), and with an incumbent its
 * estimates and the per-estimator differences. Each row's bootstrap weights are drawn once and shared, so every
 * interval uses the same replicates. Partial passes over partitions merge.
 */
final class BanditPass implements Serializable {
    private final Evaluation<BanditSample> target;
    private final Evaluation<BanditSample> logged;
    private final Evaluation<BanditSample> incumbent;
    private final Evaluation<Paired<BanditSample>> difference;
    private final Evaluation<EmbeddingSample> onEmbeddings;
    private final Evaluation<LoggerSample> byLogger;

    /**
     * @param estimators   the target's estimators that weigh actions (none: only {@code onEmbeddings})
     * @param onEmbeddings the target's estimators that weigh embeddings, from each row's {@code b_marginal} and
     *                     {@code t_marginal} (none: no such columns read)
     * @param byLogger     the target's estimators for a log of several loggers, from each row's {@code logger} and
     *                     {@code divergence} (none: no such columns read)
     */
    BanditPass(List<Estimator<BanditSample>> estimators, List<Estimator<EmbeddingSample>> onEmbeddings,
               List<Estimator<LoggerSample>> byLogger, Intervals iv, double clip, boolean compares) {
        target = estimators.isEmpty() ? null : new Evaluation<>(estimators, iv.replicates(), iv.seed(), clip);
        this.onEmbeddings = onEmbeddings.isEmpty() ? null
                : new Evaluation<>(onEmbeddings, iv.replicates(), iv.seed(), clip);
        this.byLogger = byLogger.isEmpty() ? null : new Evaluation<>(byLogger, iv.replicates(), iv.seed(), clip);
        logged = new Evaluation<>(List.of(new Ips()), iv.replicates(), iv.seed(), Double.POSITIVE_INFINITY);
        incumbent = compares && target != null ? new Evaluation<>(estimators, iv.replicates(), iv.seed(), clip)
                : null;
        difference = incumbent != null ? new Evaluation<>(estimators.stream()
                .<Estimator<Paired<BanditSample>>>map(Difference::new).toList(), iv.replicates(), iv.seed(), clip)
                : null;
    }

    /** One row of {@link BanditSamples#of}. */
    BanditPass add(Row r) {
        BanditSample t = SparkBanditEvaluation.sample(r);
        int[] weights = logged.weights(t.id());
        if (target != null) {
            target.add(t, weights);
        }
        if (onEmbeddings != null) {
            onEmbeddings.add(new EmbeddingSample(t.id(), t.reward(), r.<Double>getAs("b_marginal"),
                    r.<Double>getAs("t_marginal")), weights);
        }
        if (byLogger != null) {
            Double divergence = r.getAs("divergence");
            byLogger.add(new LoggerSample(t, r.<Integer>getAs("logger"), Double.NaN,
                    divergence == null ? Double.NaN : divergence), weights);
        }
        logged.add(new BanditSample(t.id(), t.reward(), t.loggedProb(), t.loggedProb(), t.qHat(), t.qHat()),
                weights);
        if (incumbent != null) {
            BanditSample i = new BanditSample(t.id(), t.reward(), t.loggedProb(), r.<Double>getAs("i_target_prob"),
                    t.qHat(), r.<Double>getAs("i_dm_value"));
            incumbent.add(i, weights);
            difference.add(new Paired<>(t, i), weights);
        }
        return this;
    }

    BanditPass merge(BanditPass o) {
        if (target != null) {
            target.merge(o.target);
        }
        if (onEmbeddings != null) {
            onEmbeddings.merge(o.onEmbeddings);
        }
        if (byLogger != null) {
            byLogger.merge(o.byLogger);
        }
        logged.merge(o.logged);
        if (incumbent != null) {
            incumbent.merge(o.incumbent);
            difference.merge(o.difference);
        }
        return this;
    }

    /** The target's estimates: those that weigh actions, those for several loggers, those that weigh embeddings. */
    List<io.rewind.ope.Estimate> targetResults(double level) {
        List<io.rewind.ope.Estimate> out = new java.util.ArrayList<>();
        if (target != null) {
            out.addAll(target.results(level));
        }
        if (byLogger != null) {
            out.addAll(byLogger.results(level));
        }
        if (onEmbeddings != null) {
            out.addAll(onEmbeddings.results(level));
        }
        return out;
    }

    /** Null when every estimator weighs embeddings. */
    Evaluation<BanditSample> target() {
        return target;
    }

    Evaluation<BanditSample> logged() {
        return logged;
    }

    /** Null without an incumbent, or when every estimator weighs embeddings. */
    Evaluation<BanditSample> incumbent() {
        return incumbent;
    }

    /** Null without an incumbent. */
    Evaluation<Paired<BanditSample>> difference() {
        return difference;
    }
}
