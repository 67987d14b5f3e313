package io.rewind.flink.collect;

import java.time.Duration;
import java.time.Instant;

/** The Flink tests' one way to wait: poll a condition until it holds, failing with what was awaited. */
final class Await {
    private static final long POLL_MS = 50;

    interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    static void until(Duration within, String what, Condition c) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!c.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + within);
            }
            Thread.sleep(POLL_MS);
        }
    }

    /**
     * Until the wall clock passes {@code t}: live events are stamped with it, so an event sent afterwards is later
     * than {@code t} in event time too.
     */
    static void wallClockPast(Instant t) throws Exception {
        until(Duration.ofMinutes(1), "the wall clock past " + t, () -> Instant.now().isAfter(t));
    }
}
