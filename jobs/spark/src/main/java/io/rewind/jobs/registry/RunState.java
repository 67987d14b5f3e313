package io.rewind.jobs.registry;

/** How a run in the registry's {@code runs} table stands (stored by name). */
public enum RunState {
    /** Started, not finished; a run whose heartbeat stops is marked {@link #FAILED}. */
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** A promotion that made the candidate the hosted model. */
    PROMOTED,
    /** A promotion whose gate did not hold. */
    REJECTED;

    public static RunState of(boolean succeeded) {
        return succeeded ? SUCCEEDED : FAILED;
    }
}
