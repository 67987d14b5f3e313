package io.rewind.rl.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.rl.sim.LinearBanditEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Learning logged rounds from sufficient statistics merged across partitions gives the model a sequential pass over
 * the same rounds gives, to 1e-9, for every learner and reduction that allows it; the others refuse.
 */
class LearningFromStatisticsTest {
    private static final FeatureMap MAP = new FeatureMap(4, 4, List.of("fixed-a", "fixed-b"), 3);
    private static final LinearBanditEnvironment ENV = new LinearBanditEnvironment(4, 20, 6, 600, 5);

    /** A uniform logger's rounds: context, candidates, chosen index, reward, probability, and the round's key. */
    private record Logged(LinearBanditEnvironment.Round round, int chosen, double reward, double probability,
                          long key) {
    }

    private static List<Logged> log(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Logged> out = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            LinearBanditEnvironment.Round r = ENV.round(t, rng);
            int k = r.candidates().size();
            int chosen = rng.nextInt(k);
            out.add(new Logged(r, chosen, rng.nextDouble() < r.expected()[chosen] ? 1 : 0, 1.0 / k,
                    io.rewind.formats.Split.hash64("event-" + seed + "-" + t)));
        }
        return out;
    }

    /** From a model that learned 300 rounds before, and from a model that learned none (its A⁻¹ still diagonal). */
    @ParameterizedTest
    @ValueSource(ints = {300, 0})
    void mergedStatisticsTeachTheModelASequentialPassTeaches(int learnedBefore) {
        List<Logged> first = log(learnedBefore, 1);
        List<Logged> rows = log(900, 2);
        int checked = 0;
        java.util.Set<String> learners = new java.util.TreeSet<>();
        for (LearnerKind<?> kind : Learners.KINDS) {
            for (Reduction reduction : Reduction.values()) {
                LinearLearner sequential = kind.create(Map.of(), MAP, 1, 3).withReduction(reduction);
                if (!sequential.learnsFromStatistics()) {
                    continue;
                }
                LinearLearner merged = kind.create(Map.of(), MAP, 1, 3).withReduction(reduction);
                for (Logged l : first) {
                    learn(sequential, l);
                    learn(merged, l);
                }
                for (Logged l : rows) {
                    learn(sequential, l);
                }
                // three partitions, each in its own order, merged in a tree as Spark's treeAggregate does
                List<LearnerStatistics> parts = new ArrayList<>();
                for (int p = 0; p < 3; p++) {
                    LearnerStatistics s = merged.newStatistics();
                    for (int i = rows.size() - 1; i >= 0; i--) {
                        if (i % 3 == p) {
                            Logged l = rows.get(i);
                            merged.collect(l.round().x(), l.round().candidates(), l.chosen(), l.reward(),
                                    l.probability(), l.key(), s);
                        }
                    }
                    parts.add(s);
                }
                merged.absorb(parts.get(0).merge(parts.get(1).merge(parts.get(2))), rows.size());
                String what = kind.name() + " " + reduction;
                assertEquals(sequential.parameters(), merged.parameters(), what);
                assertEquals(sequential.states().size(), merged.states().size(), what);
                for (int m = 0; m < sequential.states().size(); m++) {
                    RidgeScorer.State a = sequential.states().get(m);
                    RidgeScorer.State b = merged.states().get(m);
                    assertClose(a.theta(), b.theta(), what + " model " + m + " θ");
                    assertClose(a.b(), b.b(), what + " model " + m + " b");
                    for (int i = 0; i < a.inverse().length; i++) {
                        assertClose(a.inverse()[i], b.inverse()[i], what + " model " + m + " A⁻¹ row " + i);
                    }
                }
                checked++;
                learners.add(kind.name());
            }
        }
        assertTrue(checked >= 25, "learner and reduction pairs checked: " + checked);
        assertTrue(learners.contains("bag"), "bagging's keyed Poisson weights merge too: " + learners);
    }

    @Test
    void learnersThatLearnInOrderRefuseStatistics() {
        for (LinearLearner l : List.of(Learners.create("bag", MAP, 1).withReduction(Reduction.DR),
                Learners.create("cover", MAP, 1),
                Learners.create("linucb", MAP, 1).withReduction(Reduction.DR))) {
            assertFalse(l.learnsFromStatistics(), l.name());
            Logged row = log(1, 4).get(0);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> l.collect(row.round().x(),
                    row.round().candidates(), row.chosen(), row.reward(), row.probability(), row.key(),
                    l.newStatistics()));
            assertTrue(e.getMessage().contains("learns in order"), e.getMessage());
        }
    }

    private static void learn(LinearLearner l, Logged r) {
        l.learn(r.round().x(), r.round().candidates(), r.chosen(), r.reward(), r.probability(), r.key());
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-9 * Math.max(1, Math.abs(expected[i])), what + " [" + i + "]");
        }
    }
}
