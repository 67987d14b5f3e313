package io.rewind.rl.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Split;
import io.rewind.rl.env.BehaviourPolicy;
import io.rewind.rl.env.EpisodeCollector;
import io.rewind.rl.env.Simulator;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DDQN+BCQ on DJL (PyTorch, CPU) from uniform-random CartPole episodes. */
class DdqnBcqTest {
    @TempDir
    Path dir;

    static final Transitions ALL = Transitions.fromSteps(EpisodeCollector.collect(Simulator.CARTPOLE, 100, 5,
            BehaviourPolicy.fixed(0.5, 0.5), 1));

    @Test
    void aShortTrainingClearlyBeatsTheRandomLogger() {
        Transitions train = ALL.select(e -> Split.unitHash("episode-" + e) < 0.8);
        Transitions eval = ALL.select(e -> Split.unitHash("episode-" + e) >= 0.8);
        double logged = ALL.size() / (double) ALL.episodes();
        DqnConfig config = DqnConfig.defaults().withEpochs(25);
        try (DdqnBcq learner = new DdqnBcq(config, 4, 2)) {
            List<EpochMetrics> epochs = BatchRlTrainer.fit(learner, train, eval, null, dir.resolve("checkpoints"));
            assertEquals(25, epochs.size());
            for (EpochMetrics m : epochs) {
                assertTrue(Double.isFinite(m.wis()) && Double.isFinite(m.sdr()) && Double.isFinite(m.pdis()));
            }
            double[] returns = Rollout.returns(Simulator.CARTPOLE, learner::act, 100, 99);
            double mean = Rollout.mean(returns);
            System.out.printf("DDQN+BCQ, 25 epochs on %d transitions: mean return %.1f (sd %.1f) vs the logger's"
                    + " %.1f; last epoch WIS %.1f, SDR %.1f%n", train.size(), mean, Rollout.sd(returns),
                    logged, epochs.get(24).wis(), epochs.get(24).sdr());
            assertTrue(mean >= 100, "mean return " + mean + " vs random " + logged);
            assertTrue(dir.resolve("checkpoints/epoch-025/q-0000.params").toFile().isFile());

            RlPolicy.describe(learner, "cartpole 100 x 5", ALL.episodes(), ALL.size(), java.util.Map.of("mean_return",
                    mean), epochs).save(learner, dir.resolve("policy"));
            try (DdqnBcq loaded = RlPolicy.load(dir.resolve("policy"))) {
                float[][] states = java.util.Arrays.copyOf(eval.state(), 50);
                DdqnBcq.Scores a = learner.score(states);
                DdqnBcq.Scores b = loaded.score(states);
                for (int i = 0; i < states.length; i++) {
                    assertArrayEquals(a.q()[i], b.q()[i], 1e-6f, "reloaded Q values");
                }
                assertEquals(25, RlPolicy.read(dir.resolve("policy")).epochs().size());
            }
        }
    }

    @Test
    void trainingIsDeterministicForASeed() {
        Transitions small = ALL.select(e -> e < 60);
        DqnConfig config = DqnConfig.defaults().withEpochs(2);
        float[][] probe = java.util.Arrays.copyOf(small.state(), 20);
        float[][] first;
        try (DdqnBcq a = new DdqnBcq(config, 4, 2)) {
            a.fitEpoch(small, new SplittableRandom(3));
            first = a.score(probe).q();
        }
        try (DdqnBcq b = new DdqnBcq(config, 4, 2)) {
            b.fitEpoch(small, new SplittableRandom(3));
            float[][] second = b.score(probe).q();
            for (int i = 0; i < probe.length; i++) {
                assertArrayEquals(first[i], second[i], 0f, "same seed, same network");
            }
        }
    }

    @Test
    void aLearnerGivenAnothersParametersWithTargetTrainsOnExactlyAsItDoes() {
        Transitions small = ALL.select(e -> e < 60);
        DqnConfig config = DqnConfig.defaults().withEpochs(1);
        float[][] probe = java.util.Arrays.copyOf(small.state(), 20);
        try (DdqnBcq a = new DdqnBcq(config, 4, 2); DdqnBcq b = new DdqnBcq(config.withSeed(2), 4, 2);
             DdqnBcq c = new DdqnBcq(config.withSeed(3), 4, 2)) {
            // all three fresh, so their optimisers' moments agree; only the networks differ
            float[] state = a.parametersWithTarget();
            assertEquals(a.parameters().length * 3 / 2, state.length, "Q, imitation, then the target (Q's shape)");
            b.parametersWithTarget(state);
            c.parameters(a.parameters());
            assertArrayEquals(state, b.parametersWithTarget());
            for (DdqnBcq l : List.of(a, b, c)) {
                l.fitSteps(new Minibatches(List.of(small), 32, new SplittableRandom(9)), 10, k -> { });
            }
            float[][] qa = a.score(probe).q();
            float[][] qb = b.score(probe).q();
            float[][] qc = c.score(probe).q();
            boolean cDiffers = false;
            for (int i = 0; i < probe.length; i++) {
                assertArrayEquals(qa[i], qb[i], 1e-6f, "the same networks and target, the same TD targets");
                cDiffers |= Math.abs(qa[i][0] - qc[i][0]) > 1e-4 || Math.abs(qa[i][1] - qc[i][1]) > 1e-4;
            }
            assertTrue(cDiffers, "without the target, another network's TD targets");
        }
    }

    @Test
    void bcqExcludesActionsTheLoggerRarelyTook() {
        Transitions skewed = Transitions.fromSteps(EpisodeCollector.collect(Simulator.CARTPOLE, 40, 5, BehaviourPolicy.fixed(0.9, 0.1),
                2));
        try (DdqnBcq learner = new DdqnBcq(DqnConfig.defaults().withEpochs(10), 4, 2)) {
            BatchRlTrainer.fit(learner, skewed, skewed.select(e -> false), null, null);
            DdqnBcq.Scores s = learner.score(skewed.state());
            for (int i = 0; i < skewed.size(); i++) {
                assertTrue(s.allowed()[i][0] && !s.allowed()[i][1],
                        "imitation ratio 0.1/0.9 is under the 0.3 threshold: action 1 is excluded");
                assertEquals(0, s.greedy(i));
                assertArrayEquals(new double[] {1, 0}, s.softmax(i, 1), 1e-12);
            }
        }
    }
}
