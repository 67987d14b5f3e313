package io.rewind.formats;

import java.time.Duration;
import java.util.Locale;

/**
 * The rules that join decisions with rewards, shared by the Spark join ({@code rewind join}) and the Flink collector,
 * so both give the same rows and the same quarantine reasons.
 */
public record JoinRules(Duration window, double defaultReward, boolean dropUnrewarded, Aggregation aggregation,
                        double trainRatio) implements java.io.Serializable {

    /** How several rewards inside one decision's window become one. */
    public enum Aggregation {
        /** The earliest reward (by timestamp, then input order). */
        FIRST,
        /** The latest reward. */
        LAST,
        /** The sum of all rewards; timestamp and slate feedback from the latest. */
        SUM;

        public static Aggregation parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown reward aggregation '" + s + "', expected first, last or sum");
            }
        }
    }

    public static final String DUPLICATE_DECISION = "event_id: duplicate decision id (an earlier decision is kept)";
    public static final String ORPHAN_REWARD = "event_id: no decision has this id";
    public static final String LATE_REWARD = "timestamp: after the decision's reward window";

    public JoinRules {
        if (window.isNegative()) {
            throw new IllegalArgumentException("reward window must not be negative: " + window);
        }
        if (!(trainRatio >= 0 && trainRatio <= 1)) {
            throw new IllegalArgumentException("train ratio must be in [0, 1]: " + trainRatio);
        }
        if (!Double.isFinite(defaultReward)) {
            throw new IllegalArgumentException("default reward must be finite: " + defaultReward);
        }
    }

    /** A reward counts when it is no later than the decision's timestamp plus the window. */
    public boolean inWindow(java.time.Instant decision, java.time.Instant reward) {
        return !reward.isAfter(decision.plus(window));
    }
}
