package io.rewind.rl.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.rl.bandit.BanditLearner;
import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.bandit.Learners;
import io.rewind.rl.bandit.SlateDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cascade simulator on generated MovieLens-format files: its feedback rules, and RegCB-opt against random. */
class MovieLensCascadeTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws Exception {
        SyntheticMovieLens.write(dir, 40, 300, 60, 5);
    }

    @Test
    void readsTheGeneratedFilesAsMovieLens() throws Exception {
        assertEquals(40 * 60, Files.readAllLines(dir.resolve("u.data")).size());
        MovieLensCascade env = MovieLensCascade.read(dir, new MovieLensCascade.Config(20, 5, 30, 4, false));
        assertEquals(30, env.contextDim(), "max_users caps the users");
        MovieLensCascade.Round first = env.round(0, new SplittableRandom(1));
        MovieLensCascade.Round again = env.round(30, new SplittableRandom(1));
        assertEquals(1, first.user());
        assertEquals(first.user(), again.user(), "users are visited in order and wrap at max_users");
        assertEquals(20, first.candidates().size(), "a pool of item_pool_size rated items");
        assertEquals(MovieLensCascade.GENRES, first.candidates().get(0).features().length);
        assertEquals(1.0, first.x()[0]);
        for (double a : first.attractiveness()) {
            assertTrue(a == 0 || a == 1, "threshold model: liked or not");
        }
    }

    @Test
    void cascadeFeedbackFollowsTheScan() {
        double[] attract = {0, 1, 0, 1};
        double[] f = MovieLensCascade.feedback(attract, new int[] {0, 2, 1, 3}, new SplittableRandom(1));
        assertEquals(0.0, f[0]);
        assertEquals(0.0, f[1]);
        assertEquals(1.0, f[2], "the first liked item is clicked");
        assertTrue(Double.isNaN(f[3]), "no feedback below the click");
        assertArrayEquals(new double[] {0, 0}, MovieLensCascade.feedback(attract, new int[] {0, 2},
                new SplittableRandom(1)));
        double[] seedLike = {0.6, 0.8, 0.01};
        assertEquals(1 - 0.4 * 0.2, MovieLensCascade.expectedReward(seedLike, new int[] {1, 0}), 1e-12);
        assertEquals(1 - 0.2 * 0.4, MovieLensCascade.optimalReward(seedLike, 2), 1e-12);
    }

    @Test
    void aMissingFileIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MovieLensCascade.read(dir.resolve("nowhere"), MovieLensCascade.Config.seed()));
        assertTrue(e.getMessage().contains("u.data"), e.getMessage());
    }

    static double regret(MovieLensCascade env, BanditLearner learner, int rounds, long seed) {
        SplittableRandom envRng = new SplittableRandom(seed);
        SplittableRandom rng = new SplittableRandom(seed + 1);
        int k = env.config().topK();
        double total = 0;
        for (int t = 0; t < rounds; t++) {
            MovieLensCascade.Round round = env.round(t, envRng);
            int[] ranking;
            if (learner == null) {
                ranking = RandomSlate.draw(round.candidates().size(), k, rng);
            } else {
                SlateDecision s = learner.decideSlate(round.x(), round.candidates(), k, rng);
                for (double p : s.slotProbabilities()) {
                    assertTrue(p > 0 && p <= 1, "a slot's logged probability is a probability");
                }
                ranking = s.ranking();
                learner.learnSlate(round.x(), round.candidates(), s,
                        MovieLensCascade.feedback(round.attractiveness(), ranking, envRng));
            }
            total += MovieLensCascade.optimalReward(round.attractiveness(), k)
                    - MovieLensCascade.expectedReward(round.attractiveness(), ranking);
        }
        return total;
    }

    @Test
    void regCbOptHasAtMostHalfOfRandomsRegretAfter2000Rounds() throws Exception {
        MovieLensCascade env = MovieLensCascade.read(dir, new MovieLensCascade.Config(30, 5, 40, 4, false));
        FeatureMap map = new FeatureMap(env.contextDim(), MovieLensCascade.GENRES, 0);
        double random = regret(env, null, 2000, 3);
        double regcb = regret(env, Learners.create("regcb-opt:mellowness=0.01", map, 1), 2000, 3);
        System.out.printf("cascade top-5, 2000 rounds: random %.1f, regcb-opt %.1f%n", random, regcb);
        assertTrue(regcb <= random / 2, "regcb-opt " + regcb + " vs random " + random);
    }
}
