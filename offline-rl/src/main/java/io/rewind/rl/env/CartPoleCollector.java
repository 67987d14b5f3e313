package io.rewind.rl.env;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Vectorised collection: {@code envs} CartPoles stepped together under a behaviour policy, each playing
 * {@code episodesPerEnv} episodes back to back, as the seed's {@code VectoredGymEnvironment}: environment e's k-th
 * episode is episode {@code e + envs·k}, and there is no 200-step limit while logging (Gym's unwrapped environment).
 * Each environment has its own random stream split from the seed.
 */
public final class CartPoleCollector {
    private CartPoleCollector() {
    }

    public static List<EpisodeStep> collect(int envs, int episodesPerEnv, BehaviourPolicy policy, long seed) {
        if (envs < 1 || episodesPerEnv < 1) {
            throw new IllegalArgumentException("need at least one environment and one episode each");
        }
        CartPole[] pole = new CartPole[envs];
        SplittableRandom[] rng = new SplittableRandom[envs];
        double[][] obs = new double[envs][];
        int[] episode = new int[envs];
        int[] step = new int[envs];
        SplittableRandom root = new SplittableRandom(seed);
        for (int e = 0; e < envs; e++) {
            pole[e] = new CartPole(Integer.MAX_VALUE);
            rng[e] = root.split();
            obs[e] = pole[e].reset(rng[e]);
        }
        List<EpisodeStep> out = new ArrayList<>();
        int active = envs;
        while (active > 0) {
            for (int e = 0; e < envs; e++) {
                if (episode[e] >= episodesPerEnv) {
                    continue;
                }
                double[] p = policy.probabilities(obs[e]);
                int a = rng[e].nextDouble() < p[0] ? 0 : 1;
                CartPole.Step s = pole[e].step(a);
                out.add(new EpisodeStep(e + (long) envs * episode[e], step[e], obs[e], a, p, s.reward(),
                        s.done()));
                step[e]++;
                if (s.done()) {
                    episode[e]++;
                    step[e] = 0;
                    if (episode[e] < episodesPerEnv) {
                        obs[e] = pole[e].reset(rng[e]);
                    } else {
                        active--;
                    }
                } else {
                    obs[e] = s.state();
                }
            }
        }
        return out;
    }

    /** The return (sum of rewards) of each episode, by episode id. */
    public static double[] returns(List<EpisodeStep> steps, int episodes) {
        double[] r = new double[episodes];
        for (EpisodeStep s : steps) {
            r[(int) s.episodeId()] += s.reward();
        }
        return r;
    }
}
