package io.rewind.jobs.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Split;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.TableReader;
import io.rewind.rl.batch.BatchRlTrainer;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.DqnConfig;
import io.rewind.rl.batch.EpochMetrics;
import io.rewind.rl.batch.Transitions;
import io.rewind.rl.env.Simulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train-rl's data on the executors: the replay's chunks hold every training transition once, none larger than asked,
 * and training from them (and estimating on the executors) gives what training on the transitions collected into
 * memory gives.
 */
class SparkReplayTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final double TRAIN_RATIO = 0.8;

    @TempDir
    static Path dir;
    static Dataset<Row> episodes;
    static Transitions all;

    @BeforeAll
    static void logEpisodes() {
        SimulateRlJob.run(SPARK, Simulator.CARTPOLE, 20, 5, LoggingPolicy.fixed(0.5, 0.5), 3,
                dir.resolve("episodes").toString(), TableFormat.PARQUET);
        episodes = TableReader.read(SPARK, Tables.EPISODES, TableFormat.PARQUET, dir.resolve("episodes").toString())
                .valid();
        all = InMemory.transitions(episodes);
    }

    static boolean training(long episode) {
        return Split.unitHash("episode-" + episode) < TRAIN_RATIO;
    }

    static List<String> keys(Transitions t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(t.episode()[i] + "/" + t.step()[i] + "/" + t.action()[i] + "/" + t.state()[i][0] + "/"
                    + t.next()[i][1]);
        }
        out.sort(null);
        return out;
    }

    @Test
    void aReplayOfSeveralChunksHoldsEveryTrainingTransitionOncePerEpoch() {
        TransitionTable table = TransitionTable.of(episodes, TRAIN_RATIO);
        Transitions train = all.select(SparkReplayTest::training);
        assertEquals(train.size(), table.counts.trainTransitions());
        assertEquals(all.size() - train.size(), table.counts.evalTransitions());
        long bytes = 16 * 1024;
        long perChunk = table.rowsPerChunk(bytes, false);
        try (SparkReplay replay = SparkReplay.of(table, bytes, 7)) {
            assertTrue(replay.chunks() >= 4, replay.chunks() + " chunks of " + perChunk + " rows for "
                    + train.size());
            for (int epoch = 0; epoch < 2; epoch++) {
                List<String> seen = new ArrayList<>();
                for (var it = replay.epoch(new SplittableRandom(epoch)); it.hasNext(); ) {
                    Transitions chunk = it.next();
                    assertTrue(chunk.size() <= 1.5 * perChunk, chunk.size() + " rows in a chunk of " + perChunk);
                    seen.addAll(keys(chunk));
                }
                seen.sort(null);
                assertEquals(keys(train), seen, "epoch " + epoch);
            }
            assertEquals(replay.chunks(), replay.fetchedRows().size(), "fetched once, kept while they fit");
        } finally {
            table.release();
        }
    }

    @Test
    void trainingFromTheExecutorsEqualsTrainingInMemory() {
        DqnConfig config = DqnConfig.defaults().withEpochs(3).withSeed(11);
        TransitionTable table = TransitionTable.of(episodes, TRAIN_RATIO);
        List<EpochMetrics> spread;
        float[][] q;
        try (SparkReplay replay = SparkReplay.of(table, TrainRlConfig.DEFAULT_CHUNK_BYTES, config.seed());
             ExecutorHeldOut heldOut = ExecutorHeldOut.of(table, 4 * 1024);
             DdqnBcq learner = new DdqnBcq(config, table.counts.stateDim(), table.counts.actions())) {
            assertEquals(1, replay.chunks());
            spread = BatchRlTrainer.fit(learner, replay, heldOut, null, null);
            q = learner.score(all.state()).q();
        } finally {
            table.release();
        }
        try (DdqnBcq learner = new DdqnBcq(config, all.stateDim(), all.actions())) {
            List<EpochMetrics> inMemory = BatchRlTrainer.fit(learner, all.select(SparkReplayTest::training),
                    all.select(e -> !training(e)), null, null);
            float[][] expected = learner.score(all.state()).q();
            for (int i = 0; i < q.length; i++) {
                assertArrayEquals(expected[i], q[i], "the same network, state " + i);
            }
            for (int e = 0; e < inMemory.size(); e++) {
                EpochMetrics a = inMemory.get(e);
                EpochMetrics b = spread.get(e);
                assertEquals(a.tdLoss(), b.tdLoss(), "epoch " + e);
                assertEquals(a.pdis(), b.pdis(), 1e-6 * Math.abs(a.pdis()), "PDIS, epoch " + e);
                assertEquals(a.wis(), b.wis(), 1e-6 * Math.abs(a.wis()), "WIS, epoch " + e);
                assertEquals(a.sdr(), b.sdr(), 1e-6 * Math.abs(a.sdr()), "SDR, epoch " + e);
                assertTrue(Double.isFinite(b.sdr()) && b.sdr() > 0, "an estimate: " + b);
            }
        }
    }
}
