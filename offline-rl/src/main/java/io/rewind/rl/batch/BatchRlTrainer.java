package io.rewind.rl.batch;

import io.rewind.formats.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Trains DDQN+BCQ on logged transitions epoch by epoch; after every epoch it estimates the policy's value from the
 * held-out episodes alone (PDIS, WIS, SDR), optionally measures it in a simulator, and saves a checkpoint.
 */
public final class BatchRlTrainer {
    private BatchRlTrainer() {
    }

    /**
     * @param simulator the policy's mean return in a simulator, or null (then {@code simulatedReturn} is NaN)
     * @param checkpoints a folder for one checkpoint per epoch ({@code epoch-001} ...), or null
     */
    public static List<EpochMetrics> fit(DdqnBcq learner, Transitions train, Transitions eval,
                                         ToDoubleFunction<DdqnBcq> simulator, Path checkpoints) {
        return fit(learner, Replay.of(train), HeldOut.of(eval), simulator, checkpoints);
    }

    /** The same over a replay of chunks and held-out episodes wherever they are. */
    public static List<EpochMetrics> fit(DdqnBcq learner, Replay train, HeldOut heldOut,
                                         ToDoubleFunction<DdqnBcq> simulator, Path checkpoints) {
        SplittableRandom rng = new SplittableRandom(learner.config().seed());
        List<EpochMetrics> out = new ArrayList<>();
        double seconds = 0;
        for (int epoch = 1; epoch <= learner.config().epochs(); epoch++) {
            long start = System.nanoTime();
            DdqnBcq.EpochLoss loss = learner.fitEpoch(train, rng);
            seconds += (System.nanoTime() - start) / 1e9;
            out.add(afterEpoch(learner, epoch, loss, seconds, heldOut, simulator, checkpoints));
        }
        return out;
    }

    /**
     * What follows an epoch's training, wherever it ran: the held-out estimates of the learner's policy, its
     * simulated return (when a simulator is given) and its checkpoint (when a folder is given).
     */
    public static EpochMetrics afterEpoch(DdqnBcq learner, int epoch, DdqnBcq.EpochLoss loss, double seconds,
                                          HeldOut heldOut, ToDoubleFunction<DdqnBcq> simulator, Path checkpoints) {
        OffPolicyMetrics.Estimates e = heldOut.estimate(learner);
        double simulated = simulator == null ? Double.NaN : simulator.applyAsDouble(learner);
        if (checkpoints != null) {
            Path checkpoint = checkpoints.resolve(String.format("epoch-%03d", epoch));
            try {
                AtomicFiles.replaceFolder(checkpoint, learner::save);
            } catch (IOException x) {
                throw new UncheckedIOException("cannot save the checkpoint " + checkpoint, x);
            }
        }
        return new EpochMetrics(epoch, loss.td(), loss.imitation(), e == null ? Double.NaN : e.pdis().value(),
                e == null ? Double.NaN : e.wis().value(), e == null ? Double.NaN : e.sdr().value(), simulated,
                seconds);
    }
}
