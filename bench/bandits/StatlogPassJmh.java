package bandits;

import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.bandit.Learners;
import io.rewind.rl.sim.ClassificationBandit;
import java.io.IOException;
import java.nio.file.Path;
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
 * The whole one-pass Statlog (Shuttle) run of issue 20 per learner: 43,483 rows, 9 z-scored features and their 45
 * products in a per-arm block for each of the 7 arms, decide then learn on every row from a new model. Returns the
 * progressive reward so the work cannot be optimised away. Run by {@code bench/bandits/jmh.sh}, which passes the
 * file as the {@code shuttle} parameter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class StatlogPassJmh {
    @Param({"epsilon-greedy", "greedy", "softmax", "linucb", "thompson", "squarecb", "bag", "cover", "regcb-opt"})
    public String learner;

    @Param("data/statlog-shuttle/shuttle.trn.gz")
    public String shuttle;

    private ClassificationBandit statlog;
    private FeatureMap features;

    @Setup
    public void setup() throws IOException {
        statlog = ClassificationBandit.read(Path.of(shuttle), 0.0005);
        features = statlog.features();
    }

    @Benchmark
    public double onePass() {
        return statlog.progressiveReward(Learners.create(learner, features, 7), null, new SplittableRandom(7));
    }
}
