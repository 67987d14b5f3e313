package io.rewind.rl.bandit;

import io.rewind.formats.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Rewind's model format for bandit learners: one JSON file with the learner and its parameters, the feature map,
 * the scorers' state, and the model's provenance (the data it was trained on and its metrics), so a model can be
 * inspected, compared and promoted, and reloaded to decide exactly as it did.
 */
public record BanditModel(int formatVersion, String learner, Map<String, Double> parameters, FeatureMap features,
                          double lambda, String reduction, List<RidgeScorer.State> scorers,
                          Provenance provenance) {
    public static final int FORMAT_VERSION = 1;

    /** Where a model came from and how good it was. */
    public record Provenance(String data, long rows, String trainedAt, Map<String, Double> metrics) {
        public static Provenance now(String data, long rows, Map<String, Double> metrics) {
            return new Provenance(data, rows, Instant.now().toString(), metrics);
        }
    }

    public static BanditModel of(LinearLearner learner, Provenance provenance) {
        return new BanditModel(FORMAT_VERSION, Learners.kind(learner), learner.parameters(), learner.featureMap(),
                learner.lambda(), learner.reduction().name().toLowerCase(java.util.Locale.ROOT), learner.states(),
                provenance);
    }

    /**
     * Writes the model, replacing an older file in one rename (a killed save leaves the old one); one with a
     * non-finite number in its state is refused, never saved.
     */
    public void save(Path file) throws IOException {
        requireFinite();
        io.rewind.formats.AtomicFiles.writeString(file, toJson());
    }

    public static BanditModel load(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** A model from its JSON text. */
    public static BanditModel parse(String json) throws IOException {
        BanditModel m = Json.read(json, BanditModel.class);
        if (m.formatVersion() != FORMAT_VERSION) {
            throw new IllegalArgumentException("model format " + m.formatVersion() + ", this Rewind reads "
                    + FORMAT_VERSION);
        }
        if (m.learner() == null || m.features() == null || m.scorers() == null) {
            throw new IllegalArgumentException("not a bandit model: learner, features and scorers are required");
        }
        return m;
    }

    /** The model as JSON text. */
    public String toJson() throws IOException {
        return Json.PRETTY.writeValueAsString(this);
    }

    private void requireFinite() {
        for (int s = 0; s < scorers.size(); s++) {
            RidgeScorer.State st = scorers.get(s);
            double[][] parts = new double[st.inverse().length + 2][];
            System.arraycopy(st.inverse(), 0, parts, 0, st.inverse().length);
            parts[parts.length - 2] = st.b();
            parts[parts.length - 1] = st.theta();
            for (double[] part : parts) {
                for (double v : part) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalStateException("the trained " + learner + " model has a non-finite number ("
                                + v + ") in scorer " + s + "; it was not saved (are features or rewards very"
                                + " large?)");
                    }
                }
            }
        }
    }

    /** The learner, in the state it was saved in. */
    public LinearLearner restoreLearner() {
        LinearLearner l = Learners.build(learner, parameters, features, lambda, 0)
                .withReduction(Reduction.parse(reduction));
        l.restore(scorers);
        return l;
    }
}
