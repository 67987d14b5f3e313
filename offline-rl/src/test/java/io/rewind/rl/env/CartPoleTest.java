package io.rewind.rl.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CartPoleTest {
    @Test
    void oneStepFromRestMatchesTheEquationsWorkedByHand() {
        // push right from rest: temp = 10/1.1; θ̈ = −temp / (0.5·(4/3 − 0.1/1.1)); ẍ = temp − 0.05·θ̈/1.1
        double temp = 10 / 1.1;
        double thetaAcc = -temp / (0.5 * (4.0 / 3 - 0.1 / 1.1));
        double xAcc = temp - 0.05 * thetaAcc / 1.1;
        assertArrayEquals(new double[] {0, 0.02 * xAcc, 0, 0.02 * thetaAcc},
                CartPole.dynamics(new double[] {0, 0, 0, 0}, 1), 1e-12);
        assertEquals(0.195122, 0.02 * xAcc, 1e-6);
        assertEquals(-0.292683, 0.02 * thetaAcc, 1e-6);
        // a leaning pole with the gravity term: θ = 0.1, no force difference between sides cancels
        double[] left = CartPole.dynamics(new double[] {0, 0, 0.1, 0}, 0);
        double[] right = CartPole.dynamics(new double[] {0, 0, 0.1, 0}, 1);
        assertTrue(left[3] > right[3], "pushing left lets the pole fall right faster than pushing right");
    }

    @Test
    void episodesEndAtTheLimitsAndAt200Steps() {
        CartPole pole = new CartPole();
        SplittableRandom r = new SplittableRandom(1);
        double[] s0 = pole.reset(r);
        for (double v : s0) {
            assertTrue(Math.abs(v) <= 0.05);
        }
        CartPole.Step s;
        do {
            s = pole.step(1);
        } while (!s.done());
        assertTrue(Math.abs(s.state()[2]) > CartPole.THETA_LIMIT || Math.abs(s.state()[0]) > CartPole.X_LIMIT);
        assertTrue(pole.steps() < 20, "always pushing right fails fast");
        // a simple balancing rule (push toward the lean) reaches the v0 limit
        pole.reset(new SplittableRandom(2));
        double[] st = pole.reset(new SplittableRandom(2));
        do {
            s = pole.step(st[2] + 0.5 * st[3] > 0 ? 1 : 0);
            st = s.state();
        } while (!s.done());
        assertEquals(CartPole.MAX_STEPS, pole.steps());
        assertTrue(s.truncated());
    }

    @Test
    void uniformRandomEpisodesAverageAbout22StepsLikeTheSeed() {
        List<EpisodeStep> steps = EpisodeCollector.collect(Simulator.CARTPOLE, 100, 5,
                BehaviourPolicy.fixed(0.5, 0.5), 7);
        double[] returns = EpisodeCollector.returns(steps, 500);
        double mean = 0;
        for (double g : returns) {
            assertTrue(g >= 1 && g <= 200);
            mean += g / returns.length;
        }
        assertTrue(mean > 18 && mean < 27, "mean return " + mean);
        long dones = steps.stream().filter(EpisodeStep::done).count();
        assertEquals(500, dones, "one done per episode");
        for (EpisodeStep s : steps) {
            assertArrayEquals(new double[] {0.5, 0.5}, s.actionProbs());
            assertEquals(4, s.state().length);
        }
        List<EpisodeStep> again = EpisodeCollector.collect(Simulator.CARTPOLE, 100, 5,
                BehaviourPolicy.fixed(0.5, 0.5), 7);
        assertEquals(steps.size(), again.size(), "seeded: the same episodes");
        // environment 37 alone plays exactly its episodes of the vectorised run
        List<EpisodeStep> alone = new java.util.ArrayList<>();
        EpisodeCollector.environment(Simulator.CARTPOLE, 37, 100, 5, BehaviourPolicy.fixed(0.5, 0.5), 7)
                .forEachRemaining(alone::add);
        List<EpisodeStep> mine = steps.stream().filter(s -> s.episodeId() % 100 == 37).toList();
        assertEquals(mine.size(), alone.size());
        for (int i = 0; i < mine.size(); i++) {
            assertEquals(mine.get(i).episodeId(), alone.get(i).episodeId());
            assertEquals(mine.get(i).action(), alone.get(i).action());
            assertArrayEquals(mine.get(i).state(), alone.get(i).state());
        }
        System.out.printf("CartPole, 500 uniform-random episodes: mean return %.2f, %d steps%n", mean, steps.size());
    }
}
