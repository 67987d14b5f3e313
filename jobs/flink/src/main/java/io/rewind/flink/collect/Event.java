package io.rewind.flink.collect;

/**
 * A checked decision or reward on its way to the join: its id and event time, where it came from (to order ties as
 * the batch join does), its line as it came (quarantined as is) and, for a decision, its values ready for the
 * interaction.
 */
public class Event {
    public String eventId;
    public long timestampMicros;
    public String source;
    public long position;
    public String json;
    public double reward;
    /** A decision's checked values ({@link DecisionValues}); null for rewards. */
    public byte[] values;

    public Event() {
    }

    public Event(String eventId, long timestampMicros, String source, long position, String json, double reward,
                 byte[] values) {
        this.eventId = eventId;
        this.timestampMicros = timestampMicros;
        this.source = source;
        this.position = position;
        this.json = json;
        this.reward = reward;
        this.values = values;
    }

    /** Earlier event time first, then input order. */
    boolean before(Event o) {
        if (timestampMicros != o.timestampMicros) {
            return timestampMicros < o.timestampMicros;
        }
        int c = source.compareTo(o.source);
        return c != 0 ? c < 0 : position < o.position;
    }
}
