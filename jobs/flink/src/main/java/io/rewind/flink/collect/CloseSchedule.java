package io.rewind.flink.collect;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;

/**
 * When each waiting decision's reward window closes: the ids due at each millisecond of event time. It replaces a
 * Flink event-time timer per decision (a registration in a de-duplicating map and a heap per key group); it needs no
 * snapshot of its own because it is rebuilt from the keyed state on restore. Entries are hints: a decision replaced
 * by an earlier duplicate leaves its entry behind, and whoever polls checks the id's state.
 */
final class CloseSchedule {
    private final TreeMap<Long, ArrayList<String>> due = new TreeMap<>();
    private long size;

    void add(long millis, String id) {
        due.computeIfAbsent(millis, t -> new ArrayList<>(2)).add(id);
        size++;
    }

    /** Hands over and removes every id due at or before {@code millis}, earliest first. */
    void pollUpTo(long millis, ObjLongConsumer<String> close) {
        Map.Entry<Long, ArrayList<String>> first;
        while ((first = due.firstEntry()) != null && first.getKey() <= millis) {
            due.pollFirstEntry();
            size -= first.getValue().size();
            for (String id : first.getValue()) {
                close.accept(id, first.getKey());
            }
        }
    }

    long size() {
        return size;
    }
}
