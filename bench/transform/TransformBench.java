import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.transform.TransformConfig;
import io.rewind.jobs.transform.TransformJob;
import io.rewind.rl.bandit.BanditModel;
import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.bandit.Learners;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.DqnConfig;
import io.rewind.rl.batch.RlPolicy;
import io.rewind.rl.batch.Transitions;
import io.rewind.rl.env.BehaviourPolicy;
import io.rewind.rl.env.EpisodeCollector;
import io.rewind.rl.env.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;

/** Rows per second of rewind transform against a plain in-memory DJL predict loop. */
public class TransformBench {
    public static void main(String[] args) throws Exception {
        long states = Long.parseLong(args[0]);
        long decisions = Long.parseLong(args[1]);
        int runs = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        SparkSession spark = LocalSpark.getOrCreate("bench transform");
        Path statesIn = out.resolve("states-" + states + "-16files.parquet");
        if (!Files.exists(statesIn)) {
            spark.range(0, states, 1, 16).select(col("id"), array(rand(1).minus(0.5), rand(2).minus(0.5), rand(3).multiply(0.2)
                    .minus(0.1), rand(4).minus(0.5)).as("state")).write().parquet(statesIn.toString());
        }
        Path policy = out.resolve("policy");
        if (!Files.exists(policy.resolve(RlPolicy.FILE))) {
            Transitions t = Transitions.fromSteps(EpisodeCollector.collect(Simulator.CARTPOLE, 100, 5, BehaviourPolicy.fixed(0.5, 0.5),
                    1));
            try (DdqnBcq l = new DdqnBcq(DqnConfig.defaults().withEpochs(5), 4, 2)) {
                for (int e = 0; e < 5; e++) {
                    l.fitEpoch(t, new SplittableRandom(e));
                }
                RlPolicy.describe(l, "bench", t.episodes(), t.size(), Map.of(), List.of()).save(l, policy);
            }
        }
        Path decisionsIn = out.resolve("decisions-" + decisions + ".parquet");
        if (!Files.exists(decisionsIn)) {
            List<Column> candidates = new ArrayList<>();
            for (int a = 0; a < 20; a++) {
                candidates.add(array(rand(10 + a * 5), rand(11 + a * 5), rand(12 + a * 5), rand(13 + a * 5),
                        rand(14 + a * 5)));
            }
            spark.range(decisions).select(col("id").cast("string").as("user_id"), array(rand(101), rand(102),
                    rand(103), rand(104), rand(105)).as("shared_context"),
                    array(candidates.toArray(new Column[0])).as("actions_context"), lit(1).as("top_k"))
                    .write().parquet(decisionsIn.toString());
        }
        Path bandit = out.resolve("bandit.json");
        if (!Files.exists(bandit)) {
            var learner = Learners.create("epsilon-greedy", new FeatureMap(5, 5, 0), 1);
            BanditModel.of(learner, BanditModel.Provenance.now("bench", 0, Map.of())).save(bandit);
        }
        double[] rl = new double[runs];
        double[] cb = new double[runs];
        double[] plain = new double[runs];
        // run -1 warms the JVM (JIT, DJL's native library, Spark's code generation) and is reported, not counted
        for (int r = -1; r < runs; r++) {
            long t0 = System.nanoTime();
            var sum = TransformJob.run(spark, new TransformConfig(policy.toString(), List.of(statesIn.toString()),
                    TableFormat.PARQUET, out.resolve("scored-states").toString(), TableFormat.PARQUET, false, 1,
                    "state", Instant.EPOCH, null, Integer.getInteger("batch", 4096), 0.01, null));
            double rlRate = states / ((System.nanoTime() - t0) / 1e9);
            System.out.println(sum.toTable());
            long t1 = System.nanoTime();
            TransformJob.run(spark, new TransformConfig(bandit.toString(), List.of(decisionsIn.toString()),
                    TableFormat.PARQUET, out.resolve("scored-decisions").toString(), TableFormat.PARQUET, false, 1,
                    "state", Instant.EPOCH, null, 1024, 0.01, "user_id"));
            double cbRate = decisions / ((System.nanoTime() - t1) / 1e9);
            double plainRate = plainLoop(Math.min(states, 20_000_000));
            System.out.printf("%s: transform states %,.0f rows/s, bandit %,.0f decisions/s, plain DJL %,.0f"
                    + " rows/s%n", r < 0 ? "warm-up" : "run " + (r + 1), rlRate, cbRate, plainRate);
            if (r >= 0) {
                rl[r] = rlRate;
                cb[r] = cbRate;
                plain[r] = plainRate;
            }
        }
        System.out.printf("%nrewind transform on local[2], median of %d runs after a warm-up run:%n", runs);
        System.out.printf("  DDQN+BCQ policy, %,d CartPole states, Parquet -> Parquet: %,.0f states/s%n", states,
                median(rl));
        System.out.printf("  bandit (epsilon-greedy, 5 context x 5 action features), %,d decisions of 20 candidates:"
                + " %,.0f decisions/s%n", decisions, median(cb));
        System.out.printf("  plain DJL predict loop, one thread, 4-64-64-2 MLP, batches of 1024: %,.0f rows/s%n",
                median(plain));
        System.out.printf("  ratio transform / plain loop (one thread): %.2f%n", median(rl) / median(plain));
        spark.stop();
    }

    static double plainLoop(long rows) {
        try (Model m = Model.newInstance("plain", "PyTorch"); NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock b = new SequentialBlock().add(Linear.builder().setUnits(64).build())
                    .add(Activation.reluBlock()).add(Linear.builder().setUnits(64).build())
                    .add(Activation.reluBlock()).add(Linear.builder().setUnits(2).build());
            b.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
            ParameterStore ps = new ParameterStore(manager, false);
            float[] x = new float[1024 * 4];
            SplittableRandom r = new SplittableRandom(1);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextDouble();
            }
            long t0 = System.nanoTime();
            double sink = 0;
            for (long done = 0; done < rows; done += 1024) {
                try (NDManager sub = manager.newSubManager()) {
                    NDArray in = sub.create(x, new Shape(1024, 4));
                    float[] q = b.forward(ps, new NDList(in), false).singletonOrThrow().toFloatArray();
                    sink += q[0];
                }
            }
            double rate = rows / ((System.nanoTime() - t0) / 1e9);
            return sink == 42 ? rate + 1 : rate;
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
