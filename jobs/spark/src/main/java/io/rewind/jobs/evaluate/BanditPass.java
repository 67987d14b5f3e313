package io.rewind.jobs.evaluate;

import io.rewind.ope.Difference;
import io.rewind.ope.Estimator;
import io.rewind.ope.Evaluation;
import io.rewind.ope.Paired;
import io.rewind.ope.bandit.BanditSample;
import io.rewind.ope.bandit.Ips;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

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
    private transient Columns columns;

    BanditPass(List<Estimator<BanditSample>> estimators, Intervals iv, double clip, boolean compares) {
        target = new Evaluation<>(estimators, iv.replicates(), iv.seed(), clip);
        logged = new Evaluation<>(List.of(new Ips()), iv.replicates(), iv.seed(), Double.POSITIVE_INFINITY);
        incumbent = compares ? new Evaluation<>(estimators, iv.replicates(), iv.seed(), clip) : null;
        difference = compares ? new Evaluation<>(estimators.stream()
                .<Estimator<Paired<BanditSample>>>map(Difference::new).toList(), iv.replicates(), iv.seed(), clip)
                : null;
    }

    /** Where {@link BanditEvaluation#samples}' columns are in a row, looked up by name once per partition. */
    private record Columns(int id, int reward, int loggedProb, int targetProb, int qHat, int dmValue,
                           int incumbentProb, int incumbentDm) {
        static Columns of(StructType s) {
            return new Columns(s.fieldIndex("id"), s.fieldIndex("reward"), s.fieldIndex("logged_prob"),
                    s.fieldIndex("target_prob"), s.fieldIndex("q_hat"), s.fieldIndex("dm_value"),
                    s.fieldIndex("i_target_prob"), s.fieldIndex("i_dm_value"));
        }
    }

    BanditPass add(Row r) {
        if (columns == null) {
            columns = Columns.of(r.schema());
        }
        Columns c = columns;
        long id = r.getLong(c.id());
        double reward = r.getDouble(c.reward());
        double loggedProb = r.getDouble(c.loggedProb());
        double q = r.getDouble(c.qHat());
        BanditSample t = new BanditSample(id, reward, loggedProb, r.getDouble(c.targetProb()), q,
                r.getDouble(c.dmValue()));
        int[] weights = target.weights(id);
        target.add(t, weights);
        logged.add(new BanditSample(id, reward, loggedProb, loggedProb, q, q), weights);
        if (incumbent != null) {
            BanditSample i = new BanditSample(id, reward, loggedProb, r.getDouble(c.incumbentProb()), q,
                    r.getDouble(c.incumbentDm()));
            incumbent.add(i, weights);
            difference.add(new Paired<>(t, i), weights);
        }
        return this;
    }

    BanditPass merge(BanditPass o) {
        target.merge(o.target);
        logged.merge(o.logged);
        if (incumbent != null) {
            incumbent.merge(o.incumbent);
            difference.merge(o.difference);
        }
        return this;
    }

    Evaluation<BanditSample> target() {
        return target;
    }

    Evaluation<BanditSample> logged() {
        return logged;
    }

    /** Null without an incumbent. */
    Evaluation<BanditSample> incumbent() {
        return incumbent;
    }

    /** Null without an incumbent. */
    Evaluation<Paired<BanditSample>> difference() {
        return difference;
    }
}
