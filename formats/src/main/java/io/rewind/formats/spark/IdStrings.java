package io.rewind.formats.spark;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Java strings of the candidate ids Spark holds as {@link UTF8String}s, each made once per thread: a log's candidates
 * repeat from row to row, and decoding every id of every row cost more than checking it. The id last seen at each
 * position of a row's candidates is compared first (rows mostly list the same candidates in the same order), then a
 * map of the ids seen, which holds at most {@link #MAX} of them; past that (a catalogue of items, each seldom seen) an
 * id is decoded without being kept.
 */
public final class IdStrings {
    static final int MAX = 1 << 16;
    private static final int POSITIONS = 1 << 12;
    /** Tasks run one at a time on a thread; a task's rows are not shared between threads. */
    private static final ThreadLocal<IdStrings> PER_THREAD = ThreadLocal.withInitial(IdStrings::new);

    private final Map<UTF8String, Known> seen = new HashMap<>();
    private Known[] last = new Known[0];

    IdStrings() {
    }

    /** The calling thread's ids, kept from one task to the next. */
    public static IdStrings ofThisThread() {
        return PER_THREAD.get();
    }

    /** An id's bytes, a copy owned here (a row's buffer is reused), and its string. */
    private record Known(UTF8String bytes, String string) {
    }

    /** The string of {@code id}, found at {@code position} of a row's candidates. */
    public String of(int position, UTF8String id) {
        if (position < last.length && last[position] != null && id.equals(last[position].bytes())) {
            return last[position].string();
        }
        Known known = seen.get(id);
        if (known == null) {
            known = new Known(id.copy(), id.toString());
            if (seen.size() < MAX) {
                seen.put(known.bytes(), known);
            }
        }
        if (position < POSITIONS) {
            if (position >= last.length) {
                last = Arrays.copyOf(last, Math.min(POSITIONS, Math.max(position + 1, 2 * last.length)));
            }
            last[position] = known;
        }
        return known.string();
    }
}
