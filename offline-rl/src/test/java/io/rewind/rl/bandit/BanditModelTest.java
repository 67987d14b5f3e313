package io.rewind.rl.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.rl.sim.LinearBanditEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved model reloads with its provenance and decides exactly as the learner it was saved from. */
class BanditModelTest {
    @TempDir
    Path dir;

    @Test
    void everyLearnerRoundTripsThroughTheModelFile() throws Exception {
        FeatureMap map = new FeatureMap(4, 4, List.of("fixed-a"), 8);
        LinearBanditEnvironment env = new LinearBanditEnvironment(4, 20, 6, 600, 5);
        Reduction[] reductions = Reduction.values();
        assertTrue(Learners.KINDS.size() >= 9, "every learner is registered: " + Learners.NAMES);
        for (int k = 0; k < Learners.KINDS.size(); k++) {
            LinearLearner learner = Learners.KINDS.get(k).create(Map.of(), map, 1, 2)
                    .withReduction(reductions[k % reductions.length]);
            SplittableRandom envRng = new SplittableRandom(1);
            SplittableRandom rng = new SplittableRandom(2);
            for (int t = 0; t < 300; t++) {
                LinearBanditEnvironment.Round r = env.round(t, envRng);
                BanditDecision d = learner.decide(r.x(), r.candidates(), rng);
                learner.learn(r.x(), r.candidates(), d.chosen(), envRng.nextDouble() < r.expected()[d.chosen()]
                        ? 1 : 0, d.chosenProbability());
            }
            Path file = dir.resolve(learner.name() + ".json");
            BanditModel.of(learner, BanditModel.Provenance.now("synthetic, 300 rounds", 300,
                    Map.of("mean_reward", 0.5))).save(file);
            BanditModel loaded = BanditModel.load(file);
            assertEquals("synthetic, 300 rounds", loaded.provenance().data());
            assertEquals(0.5, loaded.provenance().metrics().get("mean_reward"));
            assertTrue(Files.readString(file).contains("\"learner\""));
            LinearLearner copy = loaded.restoreLearner();
            assertEquals(learner.name(), copy.name());
            assertEquals(learner.reduction(), copy.reduction());
            assertEquals(learner.parameters(), copy.parameters());
            SplittableRandom e1 = new SplittableRandom(9);
            SplittableRandom e2 = new SplittableRandom(9);
            SplittableRandom r1 = new SplittableRandom(10);
            SplittableRandom r2 = new SplittableRandom(10);
            for (int t = 300; t < 350; t++) {
                LinearBanditEnvironment.Round a = env.round(t, e1);
                LinearBanditEnvironment.Round b = env.round(t, e2);
                BanditDecision x = learner.decide(a.x(), a.candidates(), r1);
                BanditDecision y = copy.decide(b.x(), b.candidates(), r2);
                assertArrayEquals(x.probabilities(), y.probabilities(), 1e-12, learner.name());
                assertEquals(x.chosen(), y.chosen(), learner.name());
            }
        }
    }
}
