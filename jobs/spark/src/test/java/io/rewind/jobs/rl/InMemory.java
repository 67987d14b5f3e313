package io.rewind.jobs.rl;

import io.rewind.formats.spark.SparkRows;
import io.rewind.rl.batch.Transitions;
import io.rewind.rl.env.EpisodeStep;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The transitions of a small episodes table collected into memory by offline-rl's own rule
 * ({@link Transitions#fromSteps}), independently of the executors' window functions: what tests compare against.
 */
final class InMemory {
    private InMemory() {
    }

    static Transitions transitions(Dataset<Row> episodes) {
        return Transitions.fromSteps(episodes.collectAsList().stream().map(r -> new EpisodeStep(
                r.<Long>getAs("episode_id"), r.<Integer>getAs("step"), SparkRows.doubles(r.getAs("state")),
                r.<Integer>getAs("action"), SparkRows.doubles(r.getAs("action_probs")), r.<Double>getAs("reward"),
                r.<Boolean>getAs("done"))).toList());
    }
}
