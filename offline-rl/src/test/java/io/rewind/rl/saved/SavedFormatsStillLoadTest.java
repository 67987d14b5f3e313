package io.rewind.rl.saved;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.rewind.formats.Json;
import io.rewind.rl.bandit.BanditModel;
import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.bandit.Learners;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.RlPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Models and policies saved by earlier builds (format version 1, committed under test resources) still load, and
 * decide exactly as they did when they were saved. A new learner needs its fixture: the test checks every learner
 * the trainer builds has one.
 */
class SavedFormatsStillLoadTest {
    static final Path ROOT = Path.of("src/test/resources").resolve(SavedFormats.ROOT);

    @Test
    void everyLearnersSavedModelDecidesAsItDidWhenSaved() throws Exception {
        Map<String, List<double[]>> expected = Json.READER
                .forType(new TypeReference<Map<String, List<double[]>>>() { })
                .readValue(ROOT.resolve("bandit/expected-decisions.json").toFile());
        Set<Class<?>> saved = new java.util.HashSet<>();
        for (String name : expected.keySet()) {
            saved.add(BanditModel.load(ROOT.resolve("bandit/" + SavedFormats.fileName(name))).restoreLearner()
                    .getClass());
        }
        FeatureMap map = new FeatureMap(4, 4, List.of("fixed-a"), 8);
        for (String kind : Learners.NAMES.split(",\\s*")) {
            Class<?> c = Learners.create(kind, map, 1).getClass();
            assertTrue(saved.contains(c), "no saved-format fixture for learner " + kind + " (" + c.getSimpleName()
                    + "): run WriteSavedFormats for a new format version, or add it to SavedFormats");
        }
        for (var e : expected.entrySet()) {
            BanditModel model = BanditModel.load(ROOT.resolve("bandit/" + SavedFormats.fileName(e.getKey())));
            assertEquals(1, model.formatVersion());
            assertEquals("synthetic, 300 rounds", model.provenance().data());
            List<double[]> now = SavedFormats.replay(model.restoreLearner());
            for (int t = 0; t < now.size(); t++) {
                assertArrayEquals(e.getValue().get(t), now.get(t), 1e-12, e.getKey() + " round " + t);
            }
        }
    }

    @Test
    void theSavedBatchRlPolicyScoresAsItDidWhenSaved() throws Exception {
        float[][] expected = Json.read(ROOT.resolve("rl/expected-q.json"), float[][].class);
        assertEquals(1, RlPolicy.read(ROOT.resolve("rl/policy")).formatVersion());
        try (DdqnBcq policy = RlPolicy.load(ROOT.resolve("rl/policy"))) {
            float[][] q = policy.score(SavedFormats.STATES).q();
            for (int i = 0; i < q.length; i++) {
                assertArrayEquals(expected[i], q[i], 1e-5f, "state " + i);
            }
        }
    }
}
