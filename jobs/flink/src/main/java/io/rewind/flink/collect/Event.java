package io.rewind.flink.collect;

import java.nio.charset.StandardCharsets;

/**
 * A checked decision or reward on its way to the join: its id and event time, where it came from (to order ties as
 * the batch join does), its line as it came (quarantined as is) and, for a decision or a reward with slate
 * feedback, its values ready for the interaction ({@link CompactRow}). The source and the line travel as UTF-8
 * bytes: Flink writes a String field one character at a time, an array in one copy.
 */
public class Event {
    public String eventId;
    public long timestampMicros;
    public byte[] source;
    public long position;
    public byte[] line;
    public double reward;
    public byte[] values;

    public Event() {
    }

    public Event(String eventId, long timestampMicros, String source, long position, String line, double reward,
                 byte[] values) {
        this.eventId = eventId;
        this.timestampMicros = timestampMicros;
        this.source = source.getBytes(StandardCharsets.UTF_8);
        this.position = position;
        this.line = line.getBytes(StandardCharsets.UTF_8);
        this.reward = reward;
        this.values = values;
    }

    String source() {
        return new String(source, StandardCharsets.UTF_8);
    }

    /** The event as a quarantined row. */
    Rejected rejected(String table, String reason) {
        return new Rejected(table, eventId, reason, source(), position, new String(line, StandardCharsets.UTF_8));
    }

    /** Earlier event time first, then input order. */
    /** The input order: by timestamp, then source, then position in it. */
    static final java.util.Comparator<Event> ORDER = (a, b) -> a.before(b) ? -1 : b.before(a) ? 1 : 0;

    boolean before(Event o) {
        if (timestampMicros != o.timestampMicros) {
            return timestampMicros < o.timestampMicros;
        }
        int c = java.util.Arrays.equals(source, o.source) ? 0 : source().compareTo(o.source());
        return c != 0 ? c < 0 : position < o.position;
    }
}
