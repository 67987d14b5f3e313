import io.rewind.formats.Candidate;
import io.rewind.rl.bandit.BanditDecision;
import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.bandit.Learners;
import io.rewind.rl.bandit.LinearLearner;
import io.rewind.rl.sim.ClassificationBandit;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Rounds (decide + learn) per CPU-second of the learning thread for each learner, medians of RUNS runs: synthetic
 * rounds with featured candidates, then one pass over Statlog (Shuttle) with per-arm quadratic features (the pass
 * issue 20 compares with VW), with its progressive mean reward so speed is never bought with accuracy.
 */
public class BanditBench {
    static final String[] LEARNERS = Learners.NAMES.split(", ");
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path shuttle = Path.of(args[2]);
        SplittableRandom data = new SplittableRandom(1);
        double[][] contexts = new double[rounds][5];
        List<List<Candidate>> candidates = new ArrayList<>();
        double[][] rewards = new double[rounds][10];
        for (int t = 0; t < rounds; t++) {
            for (int j = 0; j < 5; j++) {
                contexts[t][j] = data.nextDouble() * 2 - 1;
            }
            List<Candidate> cs = new ArrayList<>();
            for (int a = 0; a < 10; a++) {
                double[] f = new double[20];
                for (int j = 0; j < 20; j++) {
                    f[j] = data.nextDouble() < 0.3 ? 1 : 0;
                }
                cs.add(new Candidate("item-" + data.nextInt(1000), f));
                rewards[t][a] = data.nextDouble() < 0.1 + 0.05 * f[a % 20] * (1 + contexts[t][a % 5]) ? 1 : 0;
            }
            candidates.add(cs);
        }
        FeatureMap map = new FeatureMap(5, 20, 0);
        StringBuilder table = new StringBuilder(String.format("%-16s %16s %16s %12s%n", "learner",
                "synthetic r/cpu-s", "statlog r/cpu-s", "statlog reward"));
        boolean haveShuttle = Files.isRegularFile(shuttle);
        ClassificationBandit statlog = haveShuttle ? ClassificationBandit.read(shuttle, 0.0005) : null;
        for (String name : LEARNERS) {
            double[] rate = new double[runs];
            double[] statlogRate = new double[runs];
            double statlogReward = Double.NaN;
            for (int run = 0; run < runs; run++) {
                LinearLearner l = Learners.create(name, map, 7);
                SplittableRandom rng = new SplittableRandom(run);
                long t0 = CPU.getCurrentThreadCpuTime();
                for (int t = 0; t < rounds; t++) {
                    BanditDecision d = l.decide(contexts[t], candidates.get(t), rng);
                    l.learn(contexts[t], candidates.get(t), d.chosen(), rewards[t][d.chosen()], d.chosenProbability());
                }
                rate[run] = rounds / ((CPU.getCurrentThreadCpuTime() - t0) / 1e9);
                if (statlog != null) {
                    LinearLearner s = Learners.create(name, statlog.features(), 7);
                    long s0 = CPU.getCurrentThreadCpuTime();
                    statlogReward = statlog.progressiveReward(s, null, new SplittableRandom(7));
                    statlogRate[run] = statlog.size() / ((CPU.getCurrentThreadCpuTime() - s0) / 1e9);
                }
            }
            table.append(String.format("%-16s %,16.0f %16s %12s%n", name, median(rate),
                    statlog == null ? "-" : String.format("%,.0f", median(statlogRate)),
                    statlog == null ? "-" : String.format("%.4f", statlogReward)));
        }
        System.out.println("rounds (decide + learn) per CPU-second of the learning thread, median of " + runs
                + " runs; synthetic: " + rounds + " rounds, 10 candidates x 20 features, 5 context features (121 model"
                + " features)" + (haveShuttle ? "; statlog: one pass of 43,483 rows, quadratic, 7 arms (385 model"
                + " features, 55 per arm), progressive mean reward" : ""));
        System.out.print(table);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
