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
        if (train.size() == 0) {
            throw new IllegalArgumentException("no training transitions");
        }
        SplittableRandom rng = new SplittableRandom(learner.config().seed());
        List<EpochMetrics> out = new ArrayList<>();
        double seconds = 0;
        for (int epoch = 1; epoch <= learner.config().epochs(); epoch++) {
            long start = System.nanoTime();
            DdqnBcq.EpochLoss loss = learner.fitEpoch(train, rng);
            seconds += (System.nanoTime() - start) / 1e9;
            double pdis = Double.NaN;
            double wis = Double.NaN;
            double sdr = Double.NaN;
            if (eval.size() > 0) {
                OffPolicyMetrics.Estimates e = OffPolicyMetrics.estimate(learner, eval, 0.95);
                pdis = e.pdis().value();
                wis = e.wis().value();
                sdr = e.sdr().value();
            }
            double simulated = simulator == null ? Double.NaN : simulator.applyAsDouble(learner);
            out.add(new EpochMetrics(epoch, loss.td(), loss.imitation(), pdis, wis, sdr, simulated, seconds));
            if (checkpoints != null) {
                Path checkpoint = checkpoints.resolve(String.format("epoch-%03d", epoch));
                try {
                    AtomicFiles.replaceFolder(checkpoint, learner::save);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot save the checkpoint " + checkpoint, e);
                }
            }
        }
        return out;
    }
}
