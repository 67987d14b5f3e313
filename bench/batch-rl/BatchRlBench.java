import io.rewind.formats.Split;
import io.rewind.rl.batch.BatchRlTrainer;
import io.rewind.rl.batch.Rollout;
import io.rewind.rl.env.Simulator;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.DqnConfig;
import io.rewind.rl.batch.EpochMetrics;
import io.rewind.rl.batch.Transitions;
import io.rewind.rl.env.BehaviourPolicy;
import io.rewind.rl.env.EpisodeCollector;
import io.rewind.rl.env.Simulator;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/** DDQN+BCQ quality over training seeds: final returns, training time, and how well WIS/SDR rank the epochs. */
public class BatchRlBench {
    public static void main(String[] args) {
        int seeds = Integer.parseInt(args[0]);
        int epochs = Integer.parseInt(args[1]);
        StringBuilder summary = new StringBuilder();
        boolean smallOnly = args.length > 2 && args[2].equals("small");
        for (int envs : smallOnly ? new int[] {20} : new int[] {100, 20}) {
            // the 100-episode set gets five times the epochs: the same number of gradient steps as 500 episodes
            int n = envs == 100 ? epochs : epochs * 5;
            Transitions all = Transitions.fromSteps(EpisodeCollector.collect(Simulator.CARTPOLE, envs, 5,
                    BehaviourPolicy.fixed(0.5, 0.5), 1));
            Transitions train = all.select(e -> Split.unitHash("episode-" + e) < 0.8);
            Transitions eval = all.select(e -> Split.unitHash("episode-" + e) >= 0.8);
            double logged = all.size() / (double) all.episodes();
            double[] finals = new double[seeds];
            double[] times = new double[seeds];
            double[] rhoWis = new double[seeds];
            double[] rhoSdr = new double[seeds];
            int passed = 0;
            StringBuilder rows = new StringBuilder();
            for (int s = 0; s < seeds; s++) {
                DqnConfig c = DqnConfig.defaults().withEpochs(n).withSeed(s + 1);
                try (DdqnBcq l = new DdqnBcq(c, 4, 2)) {
                    List<EpochMetrics> m = BatchRlTrainer.fit(l, train, eval,
                            x -> Rollout.mean(Rollout.returns(Simulator.CARTPOLE, x::act, envs == 100 ? 100 : 20, 12_345)),
                            null);
                    double[] g = Rollout.returns(Simulator.CARTPOLE, l::act, 100, 777);
                    finals[s] = Rollout.mean(g);
                    times[s] = m.get(m.size() - 1).seconds();
                    double[] truth = m.stream().mapToDouble(EpochMetrics::simulatedReturn).toArray();
                    double[] wis = m.stream().mapToDouble(EpochMetrics::wis).toArray();
                    double[] sdr = m.stream().mapToDouble(EpochMetrics::sdr).toArray();
                    rhoWis[s] = new SpearmansCorrelation().correlation(wis, truth);
                    rhoSdr[s] = new SpearmansCorrelation().correlation(sdr, truth);
                    passed += finals[s] >= 195 ? 1 : 0;
                    rows.append(String.format("  seed %2d: mean return %6.1f (sd %5.1f), training %5.1f s, Spearman"
                            + " WIS %.2f SDR %.2f%n", s + 1, finals[s], Rollout.sd(g), times[s], rhoWis[s],
                            rhoSdr[s]));
                    System.out.print(rows.substring(rows.lastIndexOf("  seed")));
                }
            }
            summary.append(String.format("%d uniform-random episodes (logged mean return %.1f), %d transitions for"
                    + " training, %d epochs:%n", all.episodes(), logged, train.size(), n)).append(rows)
                    .append(String.format("  seeds with mean return >= 195: %d of %d; median final return %.1f;"
                            + " median training time %.1f s; median Spearman WIS %.2f, SDR %.2f%n", passed, seeds,
                            median(finals), median(times), median(rhoWis), median(rhoSdr)));
        }
        System.out.println("\nDDQN+BCQ on CartPole, 2 cores, DJL 0.35.1 PyTorch CPU, one thread");
        System.out.print(summary);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
