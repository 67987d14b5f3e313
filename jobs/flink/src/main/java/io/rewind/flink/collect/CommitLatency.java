package io.rewind.flink.collect;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The time from a decision's window close (its timestamp plus the reward window, read as wall-clock time, so the
 * figure means something on live streams and not on backfills) to the commit of the file that holds its
 * interaction. The sink commits on checkpoints: rows are grouped by the checkpoint whose barrier follows them and
 * measured when that checkpoint completes (a completed checkpoint also commits the groups before it whose own
 * completion was never announced).
 */
final class CommitLatency {
    private long[] open = new long[1024];
    private int size;
    private final TreeMap<Long, long[]> byCheckpoint = new TreeMap<>();

    /** An interaction whose window closed at {@code closeMillis} went to the sink. */
    void emitted(long closeMillis) {
        if (size == open.length) {
            open = Arrays.copyOf(open, size * 2);
        }
        open[size++] = closeMillis;
    }

    /** The barrier of {@code checkpointId} passed: the rows so far are committed with it. */
    void checkpointTaken(long checkpointId) {
        byCheckpoint.put(checkpointId, Arrays.copyOf(open, size));
        size = 0;
        if (open.length > 1 << 16) {
            open = new long[1024];
        }
    }

    /** The latencies, in milliseconds, of the rows committed by {@code checkpointId} completing at {@code now}. */
    long[] committed(long checkpointId, long nowMillis) {
        Map<Long, long[]> done = byCheckpoint.headMap(checkpointId, true);
        long[] out = new long[done.values().stream().mapToInt(a -> a.length).sum()];
        int i = 0;
        for (long[] closes : done.values()) {
            for (long close : closes) {
                out[i++] = nowMillis - close;
            }
        }
        done.clear();
        return out;
    }
}
