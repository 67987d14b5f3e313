package io.rewind.rl.env;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Vectorised collection: {@code envs} environments stepped together under a behaviour policy, each playing
 * {@code episodesPerEnv} episodes back to back, as the seed's {@code VectoredGymEnvironment}: environment e's k-th
 * episode is episode {@code e + envs·k}. Environment e draws from its own stream, the e-th split of the seed's, so
 * each environment's episodes are the same whether the environments are stepped together in one place
 * ({@link #collect}) or apart on executors ({@link #environment}).
 */
public final class EpisodeCollector {
    private EpisodeCollector() {
    }

    /** Every environment's steps, the environments taking one step each in turn. */
    public static List<EpisodeStep> collect(Simulator simulator, int envs, int episodesPerEnv, BehaviourPolicy policy,
                                            long seed) {
        if (envs < 1 || episodesPerEnv < 1) {
            throw new IllegalArgumentException("need at least one environment and one episode each");
        }
        List<Iterator<EpisodeStep>> running = new ArrayList<>();
        SplittableRandom root = new SplittableRandom(seed);
        for (int e = 0; e < envs; e++) {
            running.add(new Steps(simulator.forLogging(), e, envs, episodesPerEnv, policy, root.split()));
        }
        List<EpisodeStep> out = new ArrayList<>();
        while (!running.isEmpty()) {
            for (Iterator<Iterator<EpisodeStep>> it = running.iterator(); it.hasNext(); ) {
                Iterator<EpisodeStep> env = it.next();
                out.add(env.next());
                if (!env.hasNext()) {
                    it.remove();
                }
            }
        }
        return out;
    }

    /** Environment {@code e}'s steps alone, one at a time. */
    public static Iterator<EpisodeStep> environment(Simulator simulator, int e, int envs, int episodesPerEnv,
                                                    BehaviourPolicy policy, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < e; i++) {
            root.split();
        }
        return new Steps(simulator.forLogging(), e, envs, episodesPerEnv, policy, root.split());
    }

    /** The return (sum of rewards) of each episode, by episode id. */
    public static double[] returns(List<EpisodeStep> steps, int episodes) {
        double[] r = new double[episodes];
        for (EpisodeStep s : steps) {
            r[(int) s.episodeId()] += s.reward();
        }
        return r;
    }

    /** An action drawn from a distribution by its cumulative sums (the last action takes what rounding leaves). */
    static int draw(double[] p, double u) {
        double cumulative = 0;
        for (int a = 0; a < p.length - 1; a++) {
            cumulative += p[a];
            if (u < cumulative) {
                return a;
            }
        }
        return p.length - 1;
    }

    private static final class Steps implements Iterator<EpisodeStep> {
        private final Environment env;
        private final int e;
        private final int envs;
        private final int episodes;
        private final BehaviourPolicy policy;
        private final SplittableRandom rng;
        private double[] obs;
        private int episode;
        private int step;

        Steps(Environment env, int e, int envs, int episodes, BehaviourPolicy policy, SplittableRandom rng) {
            this.env = env;
            this.e = e;
            this.envs = envs;
            this.episodes = episodes;
            this.policy = policy;
            this.rng = rng;
            this.obs = env.reset(rng);
        }

        @Override
        public boolean hasNext() {
            return episode < episodes;
        }

        @Override
        public EpisodeStep next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            double[] p = policy.probabilities(obs);
            if (p.length != env.actions()) {
                throw new IllegalArgumentException("the behaviour policy gives " + p.length
                        + " action probabilities; the environment has " + env.actions() + " actions");
            }
            int a = draw(p, rng.nextDouble());
            Environment.Step s = env.step(a, rng);
            EpisodeStep out = new EpisodeStep(e + (long) envs * episode, step, obs, a, p, s.reward(), s.done());
            step++;
            if (s.done()) {
                episode++;
                step = 0;
                if (episode < episodes) {
                    obs = env.reset(rng);
                }
            } else {
                obs = s.state();
            }
            return out;
        }
    }
}
