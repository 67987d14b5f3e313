package io.rewind.rl.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Candidate;
import io.rewind.rl.sim.ClassificationBandit;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Statlog (Shuttle) from ../shared/data, one pass in file order: progressive mean reward of each learner. */
class StatlogTest {
    static final Path SHUTTLE = Path.of("..", "..", "shared", "data", "statlog-shuttle", "shuttle.trn");

    static double progressive(BanditLearner learner, ClassificationBandit data, Long shuffle) {
        List<Candidate> arms = data.candidates();
        SplittableRandom rng = new SplittableRandom(1);
        double total = 0;
        for (int row : data.order(shuffle)) {
            BanditDecision d = learner.decide(data.context(row), arms, rng);
            double r = data.reward(row, d.chosen());
            learner.learn(data.context(row), arms.get(d.chosen()), r, d.chosenProbability());
            total += r;
        }
        return total / data.size();
    }

    @Test
    void learnersBeatTheMajorityClassOnStatlog() throws Exception {
        ClassificationBandit data = ClassificationBandit.read(SHUTTLE, 0.0005);
        assertEquals(43_483, data.size(), "classes 6 and 7 dropped, as the SageMaker example does");
        assertEquals(0.784, data.majorityShare(), 0.001);
        FeatureMap map = new FeatureMap(data.dim(), 0, data.classes(), 0);
        List<BanditLearner> learners = List.of(new EpsilonGreedy(map, 0.05, 1, false), new Softmax(map, 20, 1, false),
                new LinUcb(map, 0.5, 1), new LinearThompson(map, 0.3, 1, 50), new SquareCb(map, 10, 0.5, 1, false),
                new Bagging(map, 5, 1, 7));
        StringBuilder report = new StringBuilder("majority " + data.majorityShare());
        for (BanditLearner l : learners) {
            double v = progressive(l, data, null);
            report.append(String.format(", %s %.4f", l.name(), v));
            assertTrue(v > data.majorityShare() + 0.05, l.name() + ": " + report);
        }
        System.out.println("Statlog progressive mean reward, file order: " + report);
    }
}
