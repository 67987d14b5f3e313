package io.rewind.flink.collect;

import io.rewind.flink.AvroSchemas;
import io.rewind.formats.Field;
import io.rewind.formats.Split;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Tables;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Interactions as Avro records with the Spark join's columns, except {@code date} and {@code hour}, which are the
 * folders ({@code date=yyyy-MM-dd/hour=H}) as in a partitioned Spark table.
 */
public final class InteractionRecords {
    /** The interactions table without its partition columns. */
    public static final TableSchema FILE_SCHEMA = Tables.INTERACTIONS.without("date", "hour");

    private static final int SLOT_REWARDS = Tables.REWARDS.indexOf("slot_rewards");
    private static final int CLICK_POSITION = Tables.REWARDS.indexOf("click_position");

    private InteractionRecords() {
    }

    public static Schema schema() {
        return AvroSchemas.of(FILE_SCHEMA);
    }

    /** The folder of a decision's interaction: {@code date=yyyy-MM-dd/hour=H} of its timestamp in UTC. */
    public static String bucket(Instant decisionTime) {
        var t = decisionTime.atOffset(ZoneOffset.UTC);
        return "date=" + t.toLocalDate() + "/hour=" + t.getHour();
    }

    /** Where each column sits in a record of {@code schema}, looked up once instead of by name for every row. */
    public record Layout(Schema schema, int[] decisionPos, int reward, int rewardTimestamp,
                         int rewardObserved, int rewardCount, int slotRewards, int clickPosition, int split) {
        public static Layout of(Schema schema) {
            List<Field> fields = Tables.DECISIONS.fields();
            int[] pos = new int[fields.size()];
            for (int i = 0; i < pos.length; i++) {
                pos[i] = schema.getField(fields.get(i).name()).pos();
            }
            return new Layout(schema, pos, schema.getField("reward").pos(),
                    schema.getField("reward_timestamp").pos(), schema.getField("reward_observed").pos(),
                    schema.getField("reward_count").pos(), schema.getField("slot_rewards").pos(),
                    schema.getField("click_position").pos(), schema.getField("split").pos());
        }
    }

    /** The interaction of a joined row; {@code decisions} and {@code rewards} decode the two tables' values. */
    static GenericRecord of(Joined j, Layout layout, double trainRatio, CompactRow decisions, CompactRow rewards) {
        Object[] d = decisions.decode(j.decisionValues);
        Object[] r = j.rewardValues == null ? null : rewards.decode(j.rewardValues);
        GenericRecord rec = new GenericData.Record(layout.schema());
        int[] pos = layout.decisionPos();
        for (int i = 0; i < pos.length; i++) {
            rec.put(pos[i], d[i]);
        }
        rec.put(layout.reward(), j.reward);
        rec.put(layout.rewardTimestamp(), j.observed ? j.rewardTimestampMicros : null);
        rec.put(layout.rewardObserved(), j.observed);
        rec.put(layout.rewardCount(), j.count);
        rec.put(layout.slotRewards(), r == null ? null : r[SLOT_REWARDS]);
        rec.put(layout.clickPosition(), r == null ? null : r[CLICK_POSITION]);
        rec.put(layout.split(), Split.of(j.eventId, trainRatio));
        return rec;
    }

    public static Instant decisionTime(GenericRecord rec) {
        long micros = (Long) rec.get("timestamp");
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

}
