package io.rewind.flink.collect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;

/**
 * Which ids the join must look at again when the watermark passes a time: a decision's window close, a waiting
 * reward's orphan limit, the end of an emitted id's retention. It replaces Flink event-time timers (a registration
 * in a de-duplicating map and a heap per key group for each) and a periodic pass over all ids; it needs no snapshot
 * of its own because it is rebuilt from the keyed state on restore. Entries are hints: whoever polls checks the
 * id's state, so an entry made stale by a later event does no harm.
 */
final class Agenda {
    private final TreeMap<Long, ArrayList<String>> byTime = new TreeMap<>();
    /** Entries added in time order (retention ends, as windows close in order) queue up without sorting. */
    private final ArrayDeque<Entry> inOrder = new ArrayDeque<>();

    private record Entry(long millis, String id) {
    }

    /** Look at {@code id} once the watermark reaches {@code millis}. */
    void add(long millis, String id) {
        byTime.computeIfAbsent(millis, t -> new ArrayList<>(2)).add(id);
    }

    /** Takes back an entry made by {@link #add} that is no longer needed (a waiting reward's decision came). */
    void remove(long millis, String id) {
        ArrayList<String> ids = byTime.get(millis);
        if (ids != null && ids.remove(id) && ids.isEmpty()) {
            byTime.remove(millis);
        }
    }

    /** The same as {@link #add}, cheaper when times mostly come in increasing order. */
    void addInOrder(long millis, String id) {
        Entry last = inOrder.peekLast();
        if (last != null && millis < last.millis) {
            add(millis, id);
            return;
        }
        inOrder.addLast(new Entry(millis, id));
    }

    /** Hands over and removes every id due at or before {@code millis}, with its time. */
    void pollUpTo(long millis, ObjLongConsumer<String> due) {
        Map.Entry<Long, ArrayList<String>> first;
        while ((first = byTime.firstEntry()) != null && first.getKey() <= millis) {
            byTime.pollFirstEntry();
            for (String id : first.getValue()) {
                due.accept(id, first.getKey());
            }
        }
        Entry e;
        while ((e = inOrder.peekFirst()) != null && e.millis <= millis) {
            inOrder.pollFirst();
            due.accept(e.id, e.millis);
        }
    }

    /** The earliest time an id waits for (a window's close or an orphan limit), or null when none waits. */
    Long firstWaiting() {
        return byTime.isEmpty() ? null : byTime.firstKey();
    }

    /** About how many ids wait for a window to close or an orphan limit (entries are hints). */
    int waiting() {
        return byTime.values().stream().mapToInt(java.util.List::size).sum();
    }
}
