package io.rewind.rl.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.rl.sim.ClassificationBandit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Statlog (Shuttle) from the project's data/statlog-shuttle, one pass: progressive mean reward of each learner, in file order and after a
 * fixed shuffle, against VW 9's figure for the same algorithm measured on the same file.
 */
class StatlogTest {
    static final Path SHUTTLE = Path.of("..", "data", "statlog-shuttle", "shuttle.trn.gz");

    /** The learner specs the benchmark uses (quadratic context features), with VW's figure for each. */
    static final Map<String, Double> VW = new LinkedHashMap<>();

    static {
        VW.put("regcb-opt:mellowness=0.01", 0.956);
        VW.put("bag", 0.936);
        VW.put("greedy", 0.932);
        VW.put("squarecb", 0.923);
        VW.put("softmax", 0.874);
        VW.put("epsilon-greedy", 0.855);
        VW.put("cover", 0.844);
        VW.put("linucb", Double.NaN);
        VW.put("thompson", Double.NaN);
    }

    @Test
    void everyLearnerMatchesVowpalWabbitOnStatlogAndTheBestPasses096() throws Exception {
        ClassificationBandit data = ClassificationBandit.read(SHUTTLE, 0.0005);
        assertEquals(43_483, data.size(), "classes 6 and 7 dropped, as the SageMaker example does");
        assertEquals(0.784, data.majorityShare(), 0.001);
        FeatureMap map = data.features();
        StringBuilder report = new StringBuilder("majority " + data.majorityShare());
        double best = 0;
        for (Map.Entry<String, Double> e : VW.entrySet()) {
            double v = data.progressiveReward(Learners.create(e.getKey(), map, 7), null, new SplittableRandom(1));
            report.append(String.format(", %s %.4f", e.getKey(), v));
            best = Math.max(best, v);
            assertTrue(v > data.majorityShare() + 0.05, e.getKey() + ": " + report);
            if (!e.getValue().isNaN()) {
                assertTrue(v >= e.getValue(), e.getKey() + " below VW's " + e.getValue() + ": " + report);
            }
        }
        System.out.println("Statlog progressive mean reward, file order, quadratic: " + report);
        assertTrue(best > 0.96, "the best learner passes 0.96: " + report);
    }
}
