package io.rewind.flink.collect;

/**
 * Everything the join keeps for one {@code event_id}, in one state value (one lookup per event instead of five):
 * the waiting decision, the rewards seen so far, its window's close and its rewards' orphan limit, and, once the
 * interaction has been emitted, until when the id is remembered. Never mutated in place: every change makes a new
 * one (the heap state backend snapshots by copy-on-write). {@link #NONE} marks an unset time.
 */
public class Pending {
    public static final long NONE = Long.MIN_VALUE;
    private static final Event[] NO_REWARDS = new Event[0];

    public Event decision;
    public Event[] rewards = NO_REWARDS;
    public long closeAt = NONE;
    public long orphanAt = NONE;
    public long emittedUntil = NONE;

    public Pending() {
    }

    Pending(Event decision, Event[] rewards, long closeAt, long orphanAt, long emittedUntil) {
        this.decision = decision;
        this.rewards = rewards;
        this.closeAt = closeAt;
        this.orphanAt = orphanAt;
        this.emittedUntil = emittedUntil;
    }

    static Pending empty() {
        return new Pending();
    }

    /** An emitted id, remembered until event time {@code until}. */
    static Pending emitted(long until) {
        return new Pending(null, NO_REWARDS, NONE, NONE, until);
    }

    boolean emitted() {
        return emittedUntil != NONE;
    }

    Pending withReward(Event r) {
        Event[] more = java.util.Arrays.copyOf(rewards, rewards.length + 1);
        more[rewards.length] = r;
        return new Pending(decision, more, closeAt, orphanAt, emittedUntil);
    }
}
