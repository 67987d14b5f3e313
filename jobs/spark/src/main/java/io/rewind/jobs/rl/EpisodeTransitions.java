package io.rewind.jobs.rl;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Transitions from an episodes table on Spark: the next state is the next step's state in the same episode
 * ({@code lead} over a window ordered by step); a step marked done needs none; a last step that is not done (a
 * cut-off log) is left out.
 */
public final class EpisodeTransitions {
    private EpisodeTransitions() {
    }

    public static Dataset<Row> withNextState(Dataset<Row> episodes) {
        WindowSpec byStep = Window.partitionBy("episode_id").orderBy("step");
        return episodes.withColumn("next_state", lead(col("state"), 1).over(byStep))
                .filter(col("done").or(col("next_state").isNotNull()))
                .select(col("episode_id"), col("step"), col("state"), col("action"), col("reward"),
                        col("next_state"), col("done"), col("action_probs"));
    }
}
