package bandits;

import io.rewind.formats.Candidate;
import io.rewind.rl.bandit.BanditDecision;
import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.bandit.Learners;
import io.rewind.rl.bandit.LinearLearner;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision and one update of each learner, as a service would call them: a 5-feature context and 10 or 100
 * candidates with 20 features each (121 model features), on a model already trained on 2,000 rounds. Sample mode,
 * so JMH reports p99 as well as the mean. Run by {@code bench/bandits/jmh.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LearnerJmh {
    private static final int ROUNDS = 1024;

    @Param({"epsilon-greedy", "greedy", "softmax", "linucb", "thompson", "squarecb", "bag", "cover", "regcb-opt"})
    public String learner;

    @Param({"10", "100"})
    public int candidates;

    /** How the candidates' features are drawn. */
    public enum Features {
        /** each feature 1 with probability 0.3, else 0 */
        BINARY,
        /** every feature uniform in [-1, 1) */
        DENSE
    }

    @Param({"BINARY"})
    public Features features;

    private LinearLearner model;
    private final double[][] contexts = new double[ROUNDS][5];
    private final List<List<Candidate>> offers = new ArrayList<>();
    private final int[] chosen = new int[ROUNDS];
    private final double[] rewards = new double[ROUNDS];
    private final SplittableRandom rng = new SplittableRandom(3);
    private int t;

    @Setup
    public void setup() {
        SplittableRandom data = new SplittableRandom(1);
        for (int i = 0; i < ROUNDS; i++) {
            for (int j = 0; j < 5; j++) {
                contexts[i][j] = data.nextDouble() * 2 - 1;
            }
            List<Candidate> cs = new ArrayList<>();
            for (int a = 0; a < candidates; a++) {
                double[] f = new double[20];
                for (int j = 0; j < 20; j++) {
                    f[j] = features == Features.DENSE ? data.nextDouble() * 2 - 1 : data.nextDouble() < 0.3 ? 1 : 0;
                }
                cs.add(new Candidate("item-" + data.nextInt(1000), f));
            }
            offers.add(cs);
            chosen[i] = data.nextInt(candidates);
            rewards[i] = data.nextDouble() < 0.1 + 0.1 * offers.get(i).get(chosen[i]).features()[0] ? 1 : 0;
        }
        model = Learners.create(learner, new FeatureMap(5, 20, 0), 7);
        for (int i = 0; i < 2000; i++) {
            int r = i % ROUNDS;
            model.learn(contexts[r], offers.get(r), chosen[r], rewards[r], 1.0 / candidates);
        }
    }

    @Benchmark
    public BanditDecision decide() {
        int r = t++ & (ROUNDS - 1);
        return model.decide(contexts[r], offers.get(r), rng);
    }

    @Benchmark
    public void learn() {
        int r = t++ & (ROUNDS - 1);
        model.learn(contexts[r], offers.get(r), chosen[r], rewards[r], 1.0 / candidates);
    }
}
