package io.rewind.jobs.bandit;

import io.rewind.jobs.join.MappedLog;

import io.rewind.formats.TableFormat;
import io.rewind.rl.bandit.Reduction;
import java.util.List;

/**
 * What {@code rewind train-bandit} reads and trains.
 *
 * @param learner a learner spec ({@code linucb}, {@code regcb-opt:mellowness=0.01} ...)
 * @param reduction how logged rounds become updates; {@code mtr} corrects for the logging policy
 * @param split the rows to train on: {@code train} (then {@code eval} rows score the model), or {@code all}
 * @param warmStart a saved model to continue from, or null
 * @param quadratic expand the context with its pairwise products
 * @param armBuckets extra per-arm blocks for fixed arms not seen in training
 * @param training rows in order through the driver, or statistics merged from the executors
 */
public record TrainBanditConfig(List<String> data, TableFormat format, String learner, Reduction reduction,
                                String split, String warmStart, boolean quadratic, int armBuckets, long seed,
                                String model, double maxBadFraction, Training training, MappedLog mapped) {
    /** Sequential training. */
    public TrainBanditConfig(List<String> data, TableFormat format, String learner, Reduction reduction, String split,
                             String warmStart, boolean quadratic, int armBuckets, long seed, String model,
                             double maxBadFraction) {
        this(data, format, learner, reduction, split, warmStart, quadratic, armBuckets, seed, model, maxBadFraction,
                Training.SEQUENTIAL);
    }

    /** On a joined interactions table. */
    public TrainBanditConfig(List<String> data, TableFormat format, String learner, Reduction reduction, String split,
                             String warmStart, boolean quadratic, int armBuckets, long seed, String model,
                             double maxBadFraction, Training training) {
        this(data, format, learner, reduction, split, warmStart, quadratic, armBuckets, seed, model, maxBadFraction,
                training, null);
    }

    /** The same training on a user's own log read through a mapping and joined in memory. */
    public TrainBanditConfig on(MappedLog log) {
        return new TrainBanditConfig(List.of(log.mapping().file()), null, learner, reduction, split, warmStart,
                quadratic, armBuckets, seed, model, maxBadFraction, training, log);
    }

    public TrainBanditConfig {
        if (!List.of("all", "train").contains(split)) {
            throw new IllegalArgumentException("--split must be train or all, not " + split);
        }
        data = List.copyOf(data);
        if (warmStart == null) {
            // the spec's name and parameters are checked now, before Spark starts reading the data
            io.rewind.rl.bandit.Learners.create(learner, new io.rewind.rl.bandit.FeatureMap(1, 0, List.of("a"), 1),
                    seed);
        }
    }

    /** Where the rows that could not be read go, with their reasons: beside the model, {@code MODEL_quarantine}. */
    public String quarantine() {
        return model.replaceFirst("\\.json$", "") + "_quarantine";
    }
}
