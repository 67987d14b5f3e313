package io.rewind.jobs.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.SparkRows;
import io.rewind.jobs.JobSummary;
import io.rewind.rl.env.BehaviourPolicy;
import io.rewind.rl.env.EpisodeCollector;
import io.rewind.rl.env.EpisodeStep;
import io.rewind.rl.env.Simulator;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateRlJobTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    @TempDir
    Path dir;

    @Test
    void theExecutorsPlayTheEpisodesTheVectorisedCollectorPlays() {
        String out = dir.resolve("episodes").toString();
        // 250 environments: three partitions of the executors' play
        JobSummary s = SimulateRlJob.run(SPARK, Simulator.CARTPOLE, 250, 2, LoggingPolicy.fixed(0.3, 0.7), 5, out,
                TableFormat.PARQUET);
        List<EpisodeStep> expected = EpisodeCollector.collect(Simulator.CARTPOLE, 250, 2,
                BehaviourPolicy.fixed(0.3, 0.7), 5).stream()
                .sorted(Comparator.comparingLong(EpisodeStep::episodeId).thenComparingInt(EpisodeStep::step)).toList();
        List<Row> rows = SPARK.read().parquet(out).orderBy("episode_id", "step").collectAsList();
        assertEquals(expected.size(), rows.size());
        assertEquals(expected.size(), s.count("steps"));
        double total = 0;
        for (int i = 0; i < rows.size(); i++) {
            EpisodeStep e = expected.get(i);
            Row r = rows.get(i);
            assertEquals(e.episodeId(), r.<Long>getAs("episode_id"));
            assertEquals(e.step(), r.<Integer>getAs("step"));
            assertEquals(e.action(), r.<Integer>getAs("action"));
            assertEquals(e.done(), r.<Boolean>getAs("done"));
            assertArrayEquals(e.state(), SparkRows.doubles(r.getAs("state")), 0);
            assertArrayEquals(e.actionProbs(), SparkRows.doubles(r.getAs("action_probs")), 0);
            total += e.reward();
        }
        assertEquals(total / 500, ((Number) s.get("mean_return")).doubleValue(), 0.005);
    }

    @Test
    void latentMdpEpisodesHaveFiftyNumbersTenActionsAndTheKnownOptimum() {
        String out = dir.resolve("latent").toString();
        JobSummary s = SimulateRlJob.run(SPARK, Simulator.LATENT_MDP, 10, 20, LoggingPolicy.uniform(10), 2, out,
                TableFormat.PARQUET);
        Row r = SPARK.read().parquet(out).first();
        assertEquals(50, SparkRows.doubles(r.getAs("state")).length);
        assertEquals(10, SparkRows.doubles(r.getAs("action_probs")).length);
        assertEquals(200L, SPARK.read().parquet(out).where("done").count(), "one done per episode");
        assertEquals(io.rewind.rl.env.LatentMdp.optimalReturn(),
                ((Number) s.get("optimal_mean_return")).doubleValue(), 1e-4);
    }
}
