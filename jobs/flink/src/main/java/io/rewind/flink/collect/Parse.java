package io.rewind.flink.collect;

import io.rewind.formats.FieldException;
import io.rewind.formats.JsonCodec;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Tables;
import io.rewind.formats.Validator;
import java.time.Instant;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes and checks one table's lines with the same codec and validator as the Spark jobs; bad lines go to the
 * quarantine side output with the same reasons and never stop the job.
 */
public class Parse extends ProcessFunction<RawLine, Event> {
    public static final OutputTag<Rejected> REJECTED = new OutputTag<>("rejected") {
    };

    private final String table;
    private final io.rewind.formats.TimestampUnit timestampUnit;
    private transient TableSchema schema;
    private transient Validator validator;
    private transient Counter in;
    private transient CompactRow compact;
    private transient int[] feedback;

    public Parse(String table, io.rewind.formats.TimestampUnit timestampUnit) {
        this.table = table;
        this.timestampUnit = timestampUnit;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
        schema = (table.equals("decisions") ? Tables.DECISIONS : Tables.REWARDS).withTimestampUnit(timestampUnit);
        validator = Validator.of(schema);
        in = getRuntimeContext().getMetricGroup().counter(table + "_in");
        compact = new CompactRow(schema);
        feedback = schema.equals(Tables.REWARDS)
                ? new int[] {schema.indexOf("slot_rewards"), schema.indexOf("click_position")} : new int[0];
    }

    @Override
    public void processElement(RawLine line, Context ctx, Collector<Event> out) {
        in.inc();
        Object[] values;
        try {
            values = JsonCodec.decodeLine(schema, line.text);
        } catch (FieldException e) {
            ctx.output(REJECTED, new Rejected(table, null, e.getMessage(), line.source, line.position, line.text));
            return;
        }
        String reason = validator.check(values);
        String id = (String) values[schema.indexOf("event_id")];
        if (reason != null) {
            ctx.output(REJECTED, new Rejected(table, id, reason, line.source, line.position, line.text));
            return;
        }
        Instant t = (Instant) values[schema.indexOf("timestamp")];
        long micros = io.rewind.formats.Timestamps.micros(t);
        boolean isReward = schema.equals(Tables.REWARDS);
        double reward = isReward ? (Double) values[schema.indexOf("reward")] : 0;
        // a reward's values are needed only for its slate feedback
        boolean keep = !isReward;
        for (int f : feedback) {
            keep |= values[f] != null;
        }
        out.collect(new Event(id, micros, line.source, line.position, line.text, reward,
                keep ? compact.encode(values) : null));
    }
}
