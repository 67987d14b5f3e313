package io.rewind.jobs.rl;

import io.rewind.formats.TableFormat;
import io.rewind.rl.batch.DqnConfig;
import java.util.List;

/**
 * What {@code rewind train-rl} reads and trains.
 *
 * @param trainRatio share of episodes (by a hash of the episode id) to train on; the rest are the held-out episodes
 *                   the off-policy estimates use every epoch
 * @param simulateEpisodes when above 0, also run each epoch's policy that many episodes in the simulator (CartPole)
 *                         and record its mean return beside the estimates
 * @param chunkBytes about how much memory one chunk of the replay takes: the driver holds one or two at a time
 */
public record TrainRlConfig(List<String> data, TableFormat format, DqnConfig dqn, double trainRatio,
                            int simulateEpisodes, String output, double maxBadFraction, long chunkBytes) {
    /** Chunks of 32 MB: the driver's share of the data stays under 100 MB with the one fetched ahead. */
    public static final long DEFAULT_CHUNK_BYTES = 32L << 20;

    public TrainRlConfig {
        data = List.copyOf(data);
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("--replay-chunk-mb must be positive: " + chunkBytes + " bytes");
        }
        if (!(trainRatio > 0 && trainRatio <= 1)) {
            throw new IllegalArgumentException("--train-ratio must be in (0, 1]: " + trainRatio);
        }
    }
}
