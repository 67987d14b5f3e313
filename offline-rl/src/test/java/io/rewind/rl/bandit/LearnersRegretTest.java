package io.rewind.rl.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.rl.sim.LinearBanditEnvironment;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every learner against uniform random on a synthetic bandit with changing candidate sets and cold items. */
class LearnersRegretTest {
    static final int DIM = 5;

    static double run(BanditLearner learner, LinearBanditEnvironment env, long seed) {
        SplittableRandom envRng = new SplittableRandom(seed);
        SplittableRandom rng = new SplittableRandom(seed + 1);
        double regret = 0;
        for (int t = 0; t < env.rounds(); t++) {
            LinearBanditEnvironment.Round round = env.round(t, envRng);
            double reward = 0;
            int chosen;
            if (learner == null) {
                chosen = rng.nextInt(round.candidates().size());
            } else {
                BanditDecision d = learner.decide(round.x(), round.candidates(), rng);
                double sum = 0;
                for (double p : d.probabilities()) {
                    assertTrue(p >= 0 && p <= 1);
                    sum += p;
                }
                assertEquals(1.0, sum, 1e-9, "probabilities sum to 1");
                assertTrue(d.chosenProbability() > 0, "the chosen action had a chance");
                chosen = d.chosen();
                reward = envRng.nextDouble() < round.expected()[chosen] ? 1 : 0;
                learner.learn(round.x(), round.candidates(), chosen, reward, d.chosenProbability());
            }
            regret += round.best() - round.expected()[chosen];
        }
        return regret;
    }

    @Test
    void everyLearnerHasLessThanHalfOfRandomsRegret() {
        FeatureMap map = new FeatureMap(DIM, DIM, 0);
        LinearBanditEnvironment env = new LinearBanditEnvironment(DIM, 40, 10, 10_000, 3);
        double random = run(null, env, 11);
        List<BanditLearner> learners = java.util.Arrays.stream(Learners.NAMES.split(", "))
                .map(n -> (BanditLearner) Learners.create(n, map, 7)).toList();
        StringBuilder report = new StringBuilder("random " + Math.round(random));
        for (BanditLearner l : learners) {
            double regret = run(l, env, 11);
            report.append(", ").append(l.name()).append(' ').append(Math.round(regret));
            assertTrue(regret < random / 2, l.name() + ": " + report);
        }
        System.out.println("cumulative regret after 10,000 rounds: " + report);
    }

    @Test
    void fixedArmsWithoutFeaturesAreHashedIntoPerArmModels() {
        FeatureMap map = new FeatureMap(3, 0, 16);
        double[] a = map.phi(new double[] {1, 2, 3}, new io.rewind.formats.Candidate("arm-1", null))
                .toDense(map.dimension());
        double[] b = map.phi(new double[] {1, 2, 3}, new io.rewind.formats.Candidate("arm-2", null))
                .toDense(map.dimension());
        assertEquals(map.dimension(), a.length);
        assertEquals(4.0, java.util.Arrays.stream(a).filter(v -> v != 0).count(), "[1, x] in one block");
        assertTrue(!java.util.Arrays.equals(a, b), "two arms, two blocks");
    }
}
