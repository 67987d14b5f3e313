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

    /** A reward counts when it is no later than the decision's timestamp plus the window (epoch microseconds). */
    public boolean inWindow(long decisionMicros, long rewardMicros) {
        return rewardMicros <= decisionMicros + window.toNanos() / 1000;
    }

    /**
     * What one decision becomes, given every reward that arrived for its id: the rule both engines apply (the
     * Flink collector calls it when a decision's window closes; the Spark join's SQL is tested against it).
     *
     * @param rewards   the rewards for the decision's id, in any order
     * @param order     the input order: by timestamp, then source, then line (first and last follow it)
     * @param <R>       the engine's reward type
     */
    public <R> Outcome<R> join(long decisionMicros, java.util.List<R> rewards,
                               java.util.function.ToLongFunction<R> timestampMicros,
                               java.util.function.ToDoubleFunction<R> reward, java.util.Comparator<R> order) {
        java.util.List<R> used = new java.util.ArrayList<>();
        java.util.List<R> late = new java.util.ArrayList<>();
        for (R r : rewards) {
            (inWindow(decisionMicros, timestampMicros.applyAsLong(r)) ? used : late).add(r);
        }
        if (used.isEmpty()) {
            return new Outcome<>(!dropUnrewarded, false, defaultReward, null, used, late);
        }
        R first = java.util.Collections.min(used, order);
        R last = java.util.Collections.max(used, order);
        R chosen = aggregation == Aggregation.FIRST ? first : last;
        double value = aggregation == Aggregation.SUM ? used.stream().mapToDouble(reward).sum()
                : reward.applyAsDouble(chosen);
        return new Outcome<>(true, true, value, chosen, used, late);
    }

    /**
     * @param emitted  whether an interaction is written (false: an unrewarded decision under --drop-unrewarded)
     * @param observed whether a reward counted ({@code reward_observed})
     * @param chosen   the reward whose timestamp and slate feedback the interaction carries, or null
     * @param used     the rewards inside the window ({@code reward_count} is their number)
     * @param late     the rewards after the window, quarantined as {@link #LATE_REWARD}
     */
    public record Outcome<R>(boolean emitted, boolean observed, double reward, R chosen, java.util.List<R> used,
                             java.util.List<R> late) {
    }
}
