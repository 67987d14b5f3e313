package io.rewind.jobs.online;

import io.rewind.formats.Candidate;
import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.sim.ClassificationBandit;
import io.rewind.rl.sim.LinearBanditEnvironment;
import io.rewind.rl.sim.MovieLensCascade;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** The simulators {@code rewind simulate-online} runs, behind one shape. */
public final class Environments {
    private Environments() {
    }

    /**
     * A simulator: each round a user, a context, candidates and each candidate's click or reward probability; top k
     * of 1 is a single decision with Bernoulli rewards, more is a ranked list with cascade feedback.
     */
    interface Environment {
        record Round(String user, double[] x, List<Candidate> candidates, double[] expected) {
        }

        Round round(int t, SplittableRandom r);

        FeatureMap features();

        int topK();
    }

    /** Settings of the environments. */
    public record Settings(String data, int itemPoolSize, int topK, int maxUsers, int likeThreshold,
                    boolean seedAttractiveness) {
    }

    static Environment create(String env, Settings s, int rounds, long seed) {
        return switch (env) {
            case "synthetic" -> synthetic(rounds, seed);
            case "statlog" -> statlog(s, seed);
            case "movielens" -> movielens(s);
            default -> throw new IllegalArgumentException("unknown environment '" + env
                    + "', expected synthetic, statlog or movielens");
        };
    }

    private static Environment synthetic(int rounds, long seed) {
        LinearBanditEnvironment e = new LinearBanditEnvironment(5, 40, 10, rounds, seed);
        return new Environment() {
            public Round round(int t, SplittableRandom r) {
                LinearBanditEnvironment.Round x = e.round(t, r);
                return new Round(null, x.x(), x.candidates(), x.expected());
            }

            public FeatureMap features() {
                return new FeatureMap(5, 5, 0);
            }

            public int topK() {
                return 1;
            }
        };
    }

    private static Environment statlog(Settings s, long seed) {
        if (s.data() == null) {
            throw new IllegalArgumentException("--env statlog needs --data PATH to shuttle.trn (or any numeric CSV"
                    + " with the label last)");
        }
        ClassificationBandit data;
        try {
            data = ClassificationBandit.read(Path.of(s.data()), 0.0005);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + s.data(), e);
        }
        List<Candidate> arms = data.candidates();
        int[] order = data.order(seed);
        return new Environment() {
            public Round round(int t, SplittableRandom r) {
                int row = order[t % order.length];
                double[] expected = new double[arms.size()];
                for (int a = 0; a < expected.length; a++) {
                    expected[a] = data.reward(row, a);
                }
                return new Round(null, data.context(row), arms, expected);
            }

            public FeatureMap features() {
                return data.features();
            }

            public int topK() {
                return 1;
            }
        };
    }

    private static Environment movielens(Settings s) {
        if (s.data() == null) {
            throw new IllegalArgumentException("--env movielens needs --data PATH to a folder with the MovieLens 100K"
                    + " files u.data, u.item and u.user");
        }
        MovieLensCascade ml;
        try {
            ml = MovieLensCascade.read(Path.of(s.data()), new MovieLensCascade.Config(s.itemPoolSize(), s.topK(),
                    s.maxUsers(), s.likeThreshold(), s.seedAttractiveness()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + s.data(), e);
        }
        return new Environment() {
            public Round round(int t, SplittableRandom r) {
                MovieLensCascade.Round x = ml.round(t, r);
                return new Round("user-" + x.user(), x.x(), x.candidates(), x.attractiveness());
            }

            public FeatureMap features() {
                return new FeatureMap(ml.contextDim(), MovieLensCascade.GENRES, 0);
            }

            public int topK() {
                return s.topK();
            }
        };
    }
}
