package io.rewind.rl.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Candidate;
import io.rewind.rl.sim.LinearBanditEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Thompson sampling's pruned draws give exactly the distribution of scoring every candidate in every draw, and
 * leave the random stream where that plain loop leaves it.
 */
class LinearThompsonTest {
    @Test
    void prunedDrawsEqualScoringEveryCandidate() {
        FeatureMap map = new FeatureMap(4, 4, List.of("arm-a"), 2);
        LinearThompson learner = new LinearThompson(map, 0.3, 1, 50);
        LinearBanditEnvironment env = new LinearBanditEnvironment(4, 40, 8, 500, 3);
        SplittableRandom envRng = new SplittableRandom(1);
        SplittableRandom rng = new SplittableRandom(2);
        int differentFromGreedy = 0;
        for (int t = 0; t < 500; t++) {
            LinearBanditEnvironment.Round r = env.round(t, envRng);
            List<Candidate> cs = new ArrayList<>(r.candidates());
            cs.add(new Candidate("arm-a", null));
            cs.add(cs.get(0)); // a duplicate, drawn on its own
            Round round = new Round(map, r.x(), cs);
            long seed = rng.nextLong();
            SplittableRandom pruned = new SplittableRandom(seed);
            SplittableRandom plain = new SplittableRandom(seed);
            double[] p = learner.distribution(round, pruned);
            double[] expected = everyCandidate(learner, round, plain);
            assertArrayEquals(expected, p, 0, "round " + t);
            assertEquals(plain.nextLong(), pruned.nextLong(), "the stream after round " + t);
            differentFromGreedy += p[LinearLearner.argmax(round.means(learner.scorer))] < 1 ? 1 : 0;
            int chosen = LinearLearner.argmax(p);
            learner.learn(r.x(), cs, chosen, chosen < r.expected().length ? r.expected()[chosen] : 0, p[chosen]);
        }
        assertTrue(differentFromGreedy > 50, "draws that explore: " + differentFromGreedy);
    }

    /** The plain loop: every candidate scored in every draw, the first highest wins. */
    private static double[] everyCandidate(LinearThompson learner, Round round, SplittableRandom rng) {
        double[] mean = round.means(learner.scorer);
        double[] width = round.widths(learner.scorer);
        double[] wins = new double[mean.length];
        for (int d = 0; d < 50; d++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < mean.length; i++) {
                double g = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
                double s = mean[i] + width[i] * 0.3 * g;
                if (s > bestScore) {
                    bestScore = s;
                    best = i;
                }
            }
            wins[best]++;
        }
        for (int i = 0; i < wins.length; i++) {
            wins[i] /= 50;
        }
        return wins;
    }
}
