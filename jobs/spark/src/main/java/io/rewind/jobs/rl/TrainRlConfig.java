package io.rewind.jobs.rl;

import io.rewind.formats.TableFormat;
import io.rewind.rl.batch.DqnConfig;
import io.rewind.rl.env.Simulator;
import java.util.List;

/**
 * What {@code rewind train-rl} reads and trains.
 *
 * @param trainRatio share of episodes (by a hash of the episode id) to train on; the rest are the held-out episodes
 *                   the off-policy estimates use every epoch
 * @param simulateEpisodes when above 0, also run each epoch's policy that many episodes in {@code simulator} and
 *                         record its mean return beside the estimates
 * @param chunkBytes about how much memory one chunk of the replay takes: the driver holds one or two at a time
 * @param workers 1 trains in the driver; more train data-parallel on that many executor tasks at once
 * @param syncEvery with several workers, the gradient steps between parameter averagings
 * @param simulator where {@code simulateEpisodes} run
 */
public record TrainRlConfig(List<String> data, TableFormat format, DqnConfig dqn, double trainRatio,
                            int simulateEpisodes, String output, double maxBadFraction, long chunkBytes,
                            int workers, int syncEvery, Simulator simulator) {
    /** Chunks of 32 MB: the driver's share of the data stays under 100 MB with the one fetched ahead. */
    public static final long DEFAULT_CHUNK_BYTES = 32L << 20;

    /** Parameter averaging every 20 gradient steps. */
    public static final int DEFAULT_SYNC_EVERY = 20;

    /** In the driver, with the default chunks. */
    public static TrainRlConfig inDriver(List<String> data, TableFormat format, DqnConfig dqn, double trainRatio,
                                         int simulateEpisodes, String output, double maxBadFraction) {
        return new TrainRlConfig(data, format, dqn, trainRatio, simulateEpisodes, output, maxBadFraction,
                DEFAULT_CHUNK_BYTES, 1, DEFAULT_SYNC_EVERY, Simulator.CARTPOLE);
    }

    public TrainRlConfig withChunkBytes(long bytes) {
        return new TrainRlConfig(data, format, dqn, trainRatio, simulateEpisodes, output, maxBadFraction, bytes,
                workers, syncEvery, simulator);
    }

    public TrainRlConfig withWorkers(int n) {
        return new TrainRlConfig(data, format, dqn, trainRatio, simulateEpisodes, output, maxBadFraction, chunkBytes,
                n, syncEvery, simulator);
    }

    public TrainRlConfig withSimulator(Simulator s) {
        return new TrainRlConfig(data, format, dqn, trainRatio, simulateEpisodes, output, maxBadFraction, chunkBytes,
                workers, syncEvery, s);
    }

    public TrainRlConfig {
        data = List.copyOf(data);
        if (workers < 1 || syncEvery < 1) {
            throw new IllegalArgumentException("--workers and --sync-every must be at least 1: " + workers + ", "
                    + syncEvery);
        }
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("--replay-chunk-mb must be positive: " + chunkBytes + " bytes");
        }
        if (!(trainRatio > 0 && trainRatio <= 1)) {
            throw new IllegalArgumentException("--train-ratio must be in (0, 1]: " + trainRatio);
        }
    }
}
