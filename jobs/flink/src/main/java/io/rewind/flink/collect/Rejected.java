package io.rewind.flink.collect;

import io.rewind.formats.Json;

/** A row the collector cannot use: its table, id when known, reason ("field: rule"), address and text. */
public class Rejected {
    public String table;
    public String eventId;
    public String reason;
    public String source;
    public long position;
    public String raw;

    public Rejected() {
    }

    public Rejected(String table, String eventId, String reason, String source, long position, String raw) {
        this.table = table;
        this.eventId = eventId;
        this.reason = reason;
        this.source = source;
        this.position = position;
        this.raw = raw;
    }

    public String toJson() {
        com.fasterxml.jackson.databind.node.ObjectNode n = Json.object();
        n.put("table", table);
        n.put("event_id", eventId);
        n.put("reason", reason);
        n.put("source_file", source);
        n.put("source_line", position);
        n.put("raw", raw);
        return n.toString();
    }
}
