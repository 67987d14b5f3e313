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
                          double lambda, boolean importanceWeighted, List<RidgeScorer.State> scorers,
                          Provenance provenance) {
    public static final int FORMAT_VERSION = 1;

    /** Where a model came from and how good it was. */
    public record Provenance(String data, long rows, String trainedAt, Map<String, Double> metrics) {
        public static Provenance now(String data, long rows, Map<String, Double> metrics) {
            return new Provenance(data, rows, Instant.now().toString(), metrics);
        }
    }

    public static BanditModel of(LinearLearner learner, Provenance provenance) {
        return new BanditModel(FORMAT_VERSION, kind(learner), learner.parameters(), learner.featureMap(),
                learner.lambda(), learner.importanceWeighted(), learner.states(), provenance);
    }

    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, JsonCodec.MAPPER
                .writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this));
    }

    public static BanditModel load(Path file) throws IOException {
        BanditModel m = JsonCodec.MAPPER.readValue(file.toFile(), BanditModel.class);
        if (m.formatVersion() != FORMAT_VERSION) {
            throw new IllegalArgumentException(file + ": model format " + m.formatVersion() + ", this Rewind reads "
                    + FORMAT_VERSION);
        }
        return m;
    }

    /** The learner, in the state it was saved in. */
    public LinearLearner restoreLearner() {
        Map<String, Double> p = parameters;
        LinearLearner l = switch (learner) {
            case "epsilon-greedy" -> new EpsilonGreedy(features, p.get("epsilon"), lambda, importanceWeighted);
            case "softmax" -> new Softmax(features, p.get("inverse_temperature"), lambda, importanceWeighted);
            case "linucb" -> new LinUcb(features, p.get("alpha"), lambda);
            case "thompson" -> new LinearThompson(features, p.get("v"), lambda, p.get("draws").intValue());
            case "squarecb" -> {
                SquareCb s = new SquareCb(features, p.get("gamma_scale"), p.get("gamma_exponent"), lambda,
                        importanceWeighted);
                s.resumeAt(p.get("rounds").longValue());
                yield s;
            }
            case "bag" -> new Bagging(features, p.get("bags").intValue(), lambda, 0);
            default -> throw new IllegalArgumentException("unknown learner '" + learner + "' in the model file");
        };
        l.restore(scorers);
        return l;
    }

    static String kind(LinearLearner l) {
        if (l instanceof EpsilonGreedy) {
            return "epsilon-greedy";
        }
        if (l instanceof Softmax) {
            return "softmax";
        }
        if (l instanceof LinUcb) {
            return "linucb";
        }
        if (l instanceof LinearThompson) {
            return "thompson";
        }
        if (l instanceof SquareCb) {
            return "squarecb";
        }
        if (l instanceof Bagging) {
            return "bag";
        }
        throw new IllegalArgumentException("no model format for " + l.name());
    }
}
