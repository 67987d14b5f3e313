package io.rewind.jobs.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.bandit.Learners;
import io.rewind.rl.bandit.LinearLearner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which learners train distributed: those whose statistics do not depend on order and fit the bound. */
class TrainingModeTest {
    @Test
    void statisticsPastTheBoundTrainSequentiallyOrAreRefusedWithTheirSize() {
        // one known arm and one bucket, each a block of 4,201 × 4,201 sums: 282 MB in every partition
        LinearLearner big = Learners.create("linucb", new FeatureMap(4200, 0, List.of("a"), 1), 1);
        assertEquals(2 * (4201L * 4201 + 4201) * 8 + 2 * 8, big.statisticsBytes());
        assertTrue(big.statisticsBytes() > Training.MAX_STATISTICS_BYTES);
        assertEquals(Training.SEQUENTIAL, Training.AUTO.resolve(big));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Training.DISTRIBUTED.resolve(big));
        assertTrue(e.getMessage().contains("statistics would take 269 MB in every partition")
                && e.getMessage().contains("--training sequential"), e.getMessage());

        LinearLearner small = Learners.create("linucb", new FeatureMap(5, 0, List.of("a"), 1), 1);
        assertEquals(Training.DISTRIBUTED, Training.AUTO.resolve(small));
        LinearLearner bagged = Learners.create("bag:bags=4", new FeatureMap(5, 0, List.of("a"), 1), 1);
        assertEquals(4 * small.statisticsBytes(), bagged.statisticsBytes(), "one copy per bag");
    }
}
