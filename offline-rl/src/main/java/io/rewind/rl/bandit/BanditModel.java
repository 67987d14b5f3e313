package io.rewind.rl.bandit;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.rewind.formats.JsonCodec;
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

    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toJson());
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
        BanditModel m = JsonCodec.MAPPER.readValue(json, BanditModel.class);
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
        return JsonCodec.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
    }

    /** The learner, in the state it was saved in. */
    public LinearLearner restoreLearner() {
        LinearLearner l = Learners.build(learner, parameters, features, lambda, 0)
                .withReduction(Reduction.parse(reduction));
        l.restore(scorers);
        return l;
    }
}
