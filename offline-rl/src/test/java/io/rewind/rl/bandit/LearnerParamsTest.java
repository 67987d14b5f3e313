package io.rewind.rl.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Learner parameters outside their declared range are refused where they are parsed, with the range said. */
class LearnerParamsTest {
    private static final FeatureMap FEATURES = new FeatureMap(3, 0, List.of("0", "1"), 4);

    @Test
    void outOfRangeParametersAreRefusedWithTheRange() {
        List<String[]> refused = List.of(
                new String[] {"linucb:alpha=-1", "learner 'linucb': alpha must be >= 0, got -1"},
                new String[] {"bag:bags=0", "learner 'bag': bags must be >= 1, got 0"},
                new String[] {"epsilon-greedy:epsilon=1.5", "epsilon must be in [0, 1], got 1.5"},
                new String[] {"thompson:v=0", "v must be > 0, got 0"},
                new String[] {"squarecb:gamma_scale=-2", "gamma_scale must be > 0, got -2"},
                new String[] {"linucb:lambda=0", "lambda must be > 0"});
        for (String[] r : refused) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Learners.create(r[0], FEATURES, 1));
            assertTrue(e.getMessage().contains(r[1]), r[0] + ": " + e.getMessage());
        }
        assertEquals(0.25, Learners.create("linucb:alpha=0.25", FEATURES, 1).parameters().get("alpha"));
    }

    @Test
    void helpListsDefaultsAndRanges() {
        LearnerKind<?> linucb = Learners.KINDS.stream().filter(k -> k.name().equals("linucb")).findFirst()
                .orElseThrow();
        assertEquals("linucb (alpha=0.5, >= 0)", linucb.describe());
        LearnerKind<?> eps = Learners.KINDS.stream().filter(k -> k.name().equals("epsilon-greedy")).findFirst()
                .orElseThrow();
        assertEquals("epsilon-greedy (epsilon=0.05, in [0, 1])", eps.describe());
    }
}
