package io.rewind.rl.saved;

import io.rewind.formats.Json;
import io.rewind.rl.bandit.BanditModel;
import io.rewind.rl.bandit.LinearLearner;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.DqnConfig;
import io.rewind.rl.batch.RlPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the saved-format fixtures with today's build, for a new format version only (the files of earlier versions
 * stay as they are, and every later build must still read them). From the repository's root, after
 * {@code mvn -q -pl offline-rl test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp}:
 * {@code java -cp offline-rl/target/test-classes:offline-rl/target/classes:$(cat /tmp/cp)
 * io.rewind.rl.saved.WriteSavedFormats offline-rl/src/test/resources}.
 */
public final class WriteSavedFormats {
    private WriteSavedFormats() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).resolve(SavedFormats.ROOT);
        Map<String, List<double[]>> expected = new LinkedHashMap<>();
        for (LinearLearner learner : SavedFormats.trainedLearners()) {
            BanditModel.of(learner, BanditModel.Provenance.now("synthetic, 300 rounds", 300, Map.of("mean_reward",
                    0.5))).save(root.resolve("bandit/" + SavedFormats.fileName(learner.name())));
            expected.put(learner.name(), SavedFormats.replay(learner));
        }
        Files.writeString(root.resolve("bandit/expected-decisions.json"), Json.WRITER.writeValueAsString(expected));
        try (DdqnBcq policy = new DdqnBcq(DqnConfig.defaults().withEpochs(1), 4, 2)) {
            RlPolicy.describe(policy, "untrained, for the saved-format fixture", 0, 0, Map.of(), List.of())
                    .save(policy, root.resolve("rl/policy"));
            Files.writeString(root.resolve("rl/expected-q.json"), Json.WRITER.writeValueAsString(
                    policy.score(SavedFormats.STATES).q()));
        }
    }
}
