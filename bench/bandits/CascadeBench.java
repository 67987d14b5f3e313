import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.bandit.Learners;
import io.rewind.rl.bandit.LinearLearner;
import io.rewind.rl.bandit.SlateDecision;
import io.rewind.rl.sim.MovieLensCascade;
import io.rewind.rl.sim.RandomSlate;
import io.rewind.rl.sim.SyntheticMovieLens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Cumulative regret of cascade top-5 ranking, seed settings, per learner against random. */
public class CascadeBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        boolean real = args.length > 3 && args[3].equals("real");
        if (!real && !Files.exists(dir.resolve("u.data"))) {
            SyntheticMovieLens.write(dir, 943, 1682, 100, 1);
        }
        MovieLensCascade env = MovieLensCascade.read(dir, MovieLensCascade.Config.seed());
        StringBuilder out = new StringBuilder();
        double random = run(env, null, rounds);
        out.append(String.format("%-28s %10.1f%n", "random", random));
        for (String spec : args[2].split(",")) {
            long t0 = System.nanoTime();
            LinearLearner l = Learners.create(spec, new FeatureMap(env.contextDim(), MovieLensCascade.GENRES, 0), 1);
            double regret = run(env, l, rounds);
            out.append(String.format("%-28s %10.1f  (%.2f of random, %.1f s)%n", spec, regret, regret / random,
                    (System.nanoTime() - t0) / 1e9));
        }
        System.out.println("cascade top-5, item pool 100, 100 users, " + rounds + " rounds, "
                + (real ? "MovieLens 100K" : "generated MovieLens-format data") + ": cumulative regret");
        System.out.print(out);
    }

    static double run(MovieLensCascade env, LinearLearner learner, int rounds) {
        SplittableRandom envRng = new SplittableRandom(3);
        SplittableRandom rng = new SplittableRandom(4);
        double total = 0;
        for (int t = 0; t < rounds; t++) {
            MovieLensCascade.Round round = env.round(t, envRng);
            int[] ranking;
            if (learner == null) {
                ranking = RandomSlate.draw(round.candidates().size(), 5, rng);
            } else {
                SlateDecision s = learner.decideSlate(round.x(), round.candidates(), 5, rng);
                ranking = s.ranking();
                learner.learnSlate(round.x(), round.candidates(), s,
                        MovieLensCascade.feedback(round.attractiveness(), ranking, envRng));
            }
            total += MovieLensCascade.optimalReward(round.attractiveness(), 5)
                    - MovieLensCascade.expectedReward(round.attractiveness(), ranking);
        }
        return total;
    }
}
