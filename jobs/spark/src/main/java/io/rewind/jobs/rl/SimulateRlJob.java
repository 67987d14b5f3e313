package io.rewind.jobs.rl;

import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.SparkRows;
import io.rewind.formats.spark.SparkSchemas;
import io.rewind.formats.spark.TableWriter;
import io.rewind.jobs.JobSummary;
import io.rewind.rl.env.BehaviourPolicy;
import io.rewind.rl.env.CartPoleCollector;
import io.rewind.rl.env.EpisodeStep;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** {@code rewind simulate-rl}: episodes of a behaviour policy in CartPole, written as the episodes table. */
public final class SimulateRlJob {
    private SimulateRlJob() {
    }

    public static JobSummary run(SparkSession spark, String env, int envs, int episodesPerEnv,
                                 BehaviourPolicy behaviour, String behaviourName, long seed, String output,
                                 TableFormat format) {
        if (!env.equals("cartpole")) {
            throw new IllegalArgumentException("unknown environment '" + env + "', expected cartpole");
        }
        List<EpisodeStep> steps = CartPoleCollector.collect(envs, episodesPerEnv, behaviour, seed);
        List<Row> rows = steps.stream().map(s -> SparkRows.toRow(Tables.EPISODES, new Object[] {s.episodeId(),
                s.step(), s.state(), s.action(), s.actionProbs(), s.reward(), s.done()})).toList();
        TableWriter.write(spark.createDataFrame(rows, SparkSchemas.of(Tables.EPISODES)).repartition(1),
                Tables.EPISODES, format, output);
        int episodes = envs * episodesPerEnv;
        double mean = CartPoleCollector.returns(steps, episodes).length == 0 ? 0 : steps.stream()
                .mapToDouble(EpisodeStep::reward).sum() / episodes;
        return new JobSummary("simulate-rl").put("environment", env).put("behaviour", behaviourName)
                .put("episodes", episodes).put("steps", steps.size()).put("mean_return", Math.round(mean * 100) / 100.0)
                .put("output", output).put("format", format.cliName());
    }
}
