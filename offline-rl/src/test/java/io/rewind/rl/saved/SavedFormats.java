package io.rewind.rl.saved;

import io.rewind.rl.bandit.BanditDecision;
import io.rewind.rl.bandit.Bagging;
import io.rewind.rl.bandit.EpsilonGreedy;
import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.bandit.LinUcb;
import io.rewind.rl.bandit.LinearLearner;
import io.rewind.rl.bandit.LinearThompson;
import io.rewind.rl.bandit.Learners;
import io.rewind.rl.bandit.Reduction;
import io.rewind.rl.bandit.Softmax;
import io.rewind.rl.bandit.SquareCb;
import io.rewind.rl.sim.LinearBanditEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the saved-format fixtures hold and how their behaviour is replayed: one bandit model per learner, trained on
 * the same synthetic rounds, and the rounds on which a loaded model's decisions are compared with the ones recorded
 * when the fixture was written. {@link WriteSavedFormats} writes them; {@code SavedFormatsStillLoadTest} reads them.
 */
final class SavedFormats {
    static final String ROOT = "saved-formats/v1";
    static final LinearBanditEnvironment ENV = new LinearBanditEnvironment(4, 20, 6, 600, 5);
    static final float[][] STATES = {{0.01f, -0.2f, 0.03f, 0.3f}, {-0.1f, 0.5f, 0.2f, -0.7f}, {0f, 0f, 0f, 0f}};

    private SavedFormats() {
    }

    static List<LinearLearner> trainedLearners() {
        FeatureMap map = new FeatureMap(4, 4, List.of("fixed-a"), 8);
        List<LinearLearner> learners = List.of(new EpsilonGreedy(map, 0.1, 1).withReduction(Reduction.MTR),
                new Softmax(map, 5, 1).withReduction(Reduction.DR), new LinUcb(map, 0.5, 1),
                new LinearThompson(map, 0.3, 1, 50), new SquareCb(map, 10, 0.5, 1).withReduction(Reduction.IPS),
                new Bagging(map, 3, 1, 2), Learners.create("cover:policies=3", map, 1),
                Learners.create("regcb-opt:mellowness=0.05", map, 1), Learners.create("greedy", map, 1));
        for (LinearLearner learner : learners) {
            SplittableRandom envRng = new SplittableRandom(1);
            SplittableRandom rng = new SplittableRandom(2);
            for (int t = 0; t < 300; t++) {
                LinearBanditEnvironment.Round r = ENV.round(t, envRng);
                BanditDecision d = learner.decide(r.x(), r.candidates(), rng);
                learner.learn(r.x(), r.candidates(), d.chosen(), envRng.nextDouble() < r.expected()[d.chosen()]
                        ? 1 : 0, d.chosenProbability());
            }
        }
        return learners;
    }

    /** The fixture's file name for a learner's name such as {@code squarecb(10.0, 0.5)}. */
    static String fileName(String learnerName) {
        return learnerName.replaceAll("[^A-Za-z0-9.-]+", "_") + ".json";
    }

    /** The learner's distributions on 5 later rounds, with fixed random streams. */
    static List<double[]> replay(LinearLearner learner) {
        SplittableRandom envRng = new SplittableRandom(9);
        SplittableRandom rng = new SplittableRandom(10);
        List<double[]> out = new ArrayList<>();
        for (int t = 300; t < 305; t++) {
            LinearBanditEnvironment.Round r = ENV.round(t, envRng);
            out.add(learner.decide(r.x(), r.candidates(), rng).probabilities());
        }
        return out;
    }
}
