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
 */
public record TrainRlConfig(List<String> data, TableFormat format, DqnConfig dqn, double trainRatio,
                            int simulateEpisodes, String output, double maxBadFraction) {
    public TrainRlConfig {
        data = List.copyOf(data);
        if (!(trainRatio > 0 && trainRatio <= 1)) {
            throw new IllegalArgumentException("--train-ratio must be in (0, 1]: " + trainRatio);
        }
    }
}
