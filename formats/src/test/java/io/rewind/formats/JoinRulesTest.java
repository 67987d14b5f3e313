package io.rewind.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The join's one rule, on the cases that decide it: the window's edge, ties, each aggregation, no reward. */
class JoinRulesTest {
    /** A reward as an engine holds it: time, value, and its place in the input (file, line). */
    record R(long micros, double reward, String file, long line) {
    }

    static final Comparator<R> ORDER = Comparator.comparingLong(R::micros).thenComparing(R::file)
            .thenComparingLong(R::line);

    static JoinRules.Outcome<R> join(JoinRules rules, long decision, R... rewards) {
        return rules.join(decision, List.of(rewards), R::micros, R::reward, ORDER);
    }

    static JoinRules rules(JoinRules.Aggregation a, boolean drop) {
        return new JoinRules(Duration.ofSeconds(10), -1, drop, a, 0.8);
    }

    @Test
    void aRewardAtTheWindowsLastMicrosecondCountsAndOneLaterIsLate() {
        R atEdge = new R(10_000_000, 1, "a", 1);
        R after = new R(10_000_001, 5, "a", 2);
        JoinRules.Outcome<R> o = join(rules(JoinRules.Aggregation.SUM, false), 0, after, atEdge);
        assertTrue(o.observed() && o.emitted());
        assertEquals(List.of(atEdge), o.used());
        assertEquals(List.of(after), o.late());
        assertEquals(1, o.reward());
        assertTrue(rules(JoinRules.Aggregation.SUM, false).inWindow(0, 10_000_000));
        assertFalse(rules(JoinRules.Aggregation.SUM, false).inWindow(0, 10_000_001));
    }

    @Test
    void firstLastAndSumFollowTheInputOrderOnTies() {
        R early = new R(1, 0.25, "b", 7);
        R tieLaterFile = new R(5, 0.5, "b", 1);
        R tieEarlierFile = new R(5, 0.75, "a", 9);
        R[] all = {tieLaterFile, early, tieEarlierFile};
        assertEquals(early, join(rules(JoinRules.Aggregation.FIRST, false), 0, all).chosen());
        assertEquals(tieLaterFile, join(rules(JoinRules.Aggregation.LAST, false), 0, all).chosen());
        JoinRules.Outcome<R> sum = join(rules(JoinRules.Aggregation.SUM, false), 0, all);
        assertEquals(1.5, sum.reward(), 1e-12);
        assertEquals(tieLaterFile, sum.chosen(), "a sum carries the latest reward's timestamp and feedback");
        assertEquals(3, sum.used().size());
    }

    @Test
    void anUnrewardedDecisionGetsTheDefaultOrIsDropped() {
        JoinRules.Outcome<R> kept = join(rules(JoinRules.Aggregation.FIRST, false), 0, new R(20_000_000, 1, "a", 1));
        assertTrue(kept.emitted());
        assertFalse(kept.observed());
        assertEquals(-1, kept.reward());
        assertNull(kept.chosen());
        assertEquals(1, kept.late().size());
        assertFalse(join(rules(JoinRules.Aggregation.FIRST, true), 0).emitted());
    }
}
