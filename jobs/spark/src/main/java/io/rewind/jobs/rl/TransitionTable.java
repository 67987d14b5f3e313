package io.rewind.jobs.rl;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.rewind.formats.Split;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * The transitions of an episodes table on the executors ({@link EpisodeTransitions#withNextState}), each marked for
 * training or held out by a hash of its episode, checked for one state size and one action count, and counted:
 * nothing but the counts comes to the driver. Persisted until {@link #release}.
 */
final class TransitionTable {
    final Dataset<Row> rows;
    final Counts counts;

    /** What the transitions hold, counted on the executors. */
    record Counts(long transitions, long episodes, long trainTransitions, long trainEpisodes, long evalTransitions,
                  long evalEpisodes, double rewardSum, int stateDim, int actions) {
        /** The logged (behaviour) policy's mean return per episode. */
        double loggedMeanReturn() {
            return episodes == 0 ? 0 : rewardSum / episodes;
        }
    }

    private TransitionTable(Dataset<Row> rows, Counts counts) {
        this.rows = rows;
        this.counts = counts;
    }

    static TransitionTable of(Dataset<Row> episodes, double trainRatio) {
        UDF1<Long, Boolean> training = e -> Split.unitHash("episode-" + e) < trainRatio;
        Dataset<Row> t = EpisodeTransitions.withNextState(episodes)
                .withColumn("train", udf(training, DataTypes.BooleanType).apply(col("episode_id")))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> first = t.orderBy("episode_id", "step").select(size(col("state")), size(col("action_probs")))
                .limit(1).collectAsList();
        if (first.isEmpty()) {
            t.unpersist();
            throw new IllegalArgumentException("no transitions in the episodes");
        }
        int dim = first.get(0).getInt(0);
        int actions = first.get(0).getInt(1);
        Column bad = size(col("state")).notEqual(dim).or(size(col("action_probs")).notEqual(actions))
                .or(col("action").lt(0)).or(col("action").geq(actions))
                .or(not(col("done")).and(size(col("next_state")).notEqual(dim)));
        List<Row> wrong = t.filter(bad).orderBy("episode_id", "step").select(col("episode_id"), col("step"),
                size(col("state")), col("action"), size(col("action_probs"))).limit(1).collectAsList();
        if (!wrong.isEmpty()) {
            Row r = wrong.get(0);
            t.unpersist();
            throw new IllegalArgumentException("episode " + r.getLong(0) + " step " + r.getInt(1) + ": state of "
                    + r.getInt(2) + " (expected " + dim + ") or action " + r.getInt(3) + " outside action_probs of "
                    + r.getInt(4) + " (expected " + actions + ")");
        }
        Row c = t.agg(count(lit(1)), countDistinct(col("episode_id")), sum(when(col("train"), 1).otherwise(0)),
                countDistinct(when(col("train"), col("episode_id"))), countDistinct(when(not(col("train")),
                        col("episode_id"))), sum(col("reward"))).first();
        long n = c.getLong(0);
        long train = c.getLong(2);
        return new TransitionTable(t, new Counts(n, c.getLong(1), train, c.getLong(3), n - train, c.getLong(4),
                c.isNullAt(5) ? 0 : c.getDouble(5), dim, actions));
    }

    Dataset<Row> training() {
        return rows.filter(col("train"));
    }

    Dataset<Row> heldOut() {
        return rows.filter(not(col("train")));
    }

    /** Rows of a chunk of at most {@code bytes} in memory: a state and its successor as floats, and bookkeeping. */
    long rowsPerChunk(long bytes, boolean withBehaviour) {
        long row = 8L * counts.stateDim() + 96 + (withBehaviour ? 8L * counts.actions() + 16 : 0);
        return Math.max(1, bytes / row);
    }

    void release() {
        rows.unpersist();
    }
}
