package io.rewind.rl.batch;

import io.rewind.formats.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Rewind's format for a batch-RL policy: a folder with {@code policy.json} (the kind, config, state and action
 * sizes, provenance: the data, its size, when, and the metrics per epoch) and the networks' DJL parameter files.
 */
public record RlPolicy(int formatVersion, String kind, DqnConfig config, int stateDim, int actions,
                       String data, long episodes, long transitions, String trainedAt, String targetPolicyView,
                       Map<String, Double> metrics, List<EpochMetrics> epochs) {
    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "policy.json";

    public static RlPolicy describe(DdqnBcq learner, String data, long episodes, long transitions,
                                    Map<String, Double> metrics, List<EpochMetrics> epochs) {
        return new RlPolicy(FORMAT_VERSION, "ddqn-bcq", learner.config(), learner.stateDim(), learner.actions(), data,
                episodes, transitions, Instant.now().toString(), "softmax(Q/" + learner.config().softmaxTemperature()
                + ") over the BCQ-allowed actions", metrics, epochs);
    }

    /** Writes the description and the networks into {@code dir}, replacing what was there in one swap. */
    public void save(DdqnBcq learner, Path dir) {
        try {
            io.rewind.formats.AtomicFiles.replaceFolder(dir, d -> {
                learner.save(d);
                Files.writeString(d.resolve(FILE), Json.PRETTY
                        .writeValueAsString(this));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the policy to " + dir, e);
        }
    }

    public static RlPolicy read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException(dir + " is not a Rewind batch-RL policy: no " + FILE);
        }
        try {
            RlPolicy p = Json.read(f, RlPolicy.class);
            if (p.formatVersion() != FORMAT_VERSION) {
                throw new IllegalArgumentException(f + ": policy format " + p.formatVersion() + ", this Rewind reads "
                        + FORMAT_VERSION);
            }
            return p;
        } catch (IOException e) {
            throw new IllegalArgumentException(f + " is not a readable policy description: " + e.getMessage(), e);
        }
    }

    /** The policy's networks, ready to act. Close it when done. */
    public static DdqnBcq load(Path dir) {
        RlPolicy p = read(dir);
        DdqnBcq learner = new DdqnBcq(p.config(), p.stateDim(), p.actions());
        learner.load(dir);
        return learner;
    }
}
