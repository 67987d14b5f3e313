package io.rewind.flink.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rewind.formats.Field;
import io.rewind.formats.JsonCodec;
import io.rewind.formats.Split;
import io.rewind.formats.Tables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.local.LocalDataOutputStream;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decision with every field set goes from its line to the Parquet interaction through the compact values the
 * parser hands the join, and comes back with the values the JSON decoder reads from the line.
 */
class InteractionRecordsTest {
    static final String LINE = "{\"event_id\":\"e-1\",\"timestamp\":\"2026-05-01T10:15:30.123456Z\",\"model_id\":\"m\","
            + "\"user_id\":\"u7\",\"context\":[0.5,-1.25],\"context_sparse\":{\"city=Oslo\":1.0,\"age\":0.3},"
            + "\"actions\":[{\"id\":\"a\",\"features\":[1.0,2.0]},{\"id\":\"b\"},{\"id\":\"c\",\"features\":[]}],"
            + "\"action\":\"b\",\"action_prob\":0.25,\"slate\":[\"b\",\"a\"],\"slot_probs\":[0.25,0.5],"
            + "\"sample_prob\":0.71,\"action_probs\":[0.25,0.25,0.5]}";

    @TempDir
    Path dir;

    /**
     * Avro's and the JSON decoder's spellings of the same value made comparable: strings, lists, sorted maps,
     * timestamps in microseconds, candidates as their fields.
     */
    static Object plain(Object v) {
        if (v instanceof java.time.Instant t) {
            return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
        }
        if (v instanceof double[] a) {
            return java.util.Arrays.stream(a).boxed().toList();
        }
        if (v instanceof String[] a) {
            return List.of(a);
        }
        if (v instanceof io.rewind.formats.Candidate c) {
            return List.of("id=" + c.id(), "features=" + plain(c.features()));
        }
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(InteractionRecordsTest::plain).toList();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(k.toString(), plain(x)));
            return sorted;
        }
        if (v instanceof GenericRecord r) {
            List<Object> fields = new ArrayList<>();
            for (Schema.Field f : r.getSchema().getFields()) {
                fields.add(f.name() + "=" + plain(r.get(f.pos())));
            }
            return fields;
        }
        return v;
    }

    @Test
    void aDefaultedRowHasNoRewardTimestampOrFeedback() {
        Joined j = new Joined("e-1", new CompactRow(Tables.DECISIONS).encode(JsonCodec.decodeLine(Tables.DECISIONS,
                LINE)), false, 0, 0, null, 0);
        Schema schema = InteractionRecords.schema();
        GenericRecord rec = InteractionRecords.of(j, InteractionRecords.Layout.of(schema), 0.8,
                new CompactRow(Tables.DECISIONS), new CompactRow(Tables.REWARDS));
        assertNull(rec.get("reward_timestamp"));
        assertNull(rec.get("slot_rewards"));
        assertNull(rec.get("click_position"));
        assertEquals(false, rec.get("reward_observed"));
    }

    @Test
    void everyDecisionFieldReachesTheParquetRowAsTheJsonDecoderReadsIt() throws Exception {
        Object[] values = JsonCodec.decodeLine(Tables.DECISIONS, LINE);
        Object[] reward = JsonCodec.decodeLine(Tables.REWARDS, "{\"event_id\":\"e-1\",\"timestamp\":"
                + "\"2026-05-01T10:16:00Z\",\"reward\":1.5,\"slot_rewards\":[1,0.5],\"click_position\":0}");
        Joined j = new Joined("e-1", new CompactRow(Tables.DECISIONS).encode(values), true, 1.5, 2,
                new CompactRow(Tables.REWARDS).encode(reward), 1_777_630_560_000_000L);
        Schema schema = InteractionRecords.schema();
        GenericRecord rec = InteractionRecords.of(j, InteractionRecords.Layout.of(schema), 0.8,
                new CompactRow(Tables.DECISIONS), new CompactRow(Tables.REWARDS));

        Path file = dir.resolve("part.parquet");
        BulkWriter<GenericRecord> writer = CollectJob.interactionsWriter(schema.toString())
                .create(new LocalDataOutputStream(file.toFile()));
        writer.addElement(rec);
        writer.finish();
        GenericRecord back;
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toString()), new org.apache.hadoop.conf.Configuration()))
                .withDataModel(GenericData.get()).build()) {
            back = reader.read();
            assertNull(reader.read(), "one row");
        }
        List<Field> fields = Tables.DECISIONS.fields();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            assertEquals(plain(values[i]), plain(back.get(f.name())), f.name());
        }
        assertEquals(1_777_630_530_123_456L, back.get("timestamp"), "timestamp in microseconds");
        assertEquals(List.of(List.of("id=a", "features=[1.0, 2.0]"), List.of("id=b", "features=null"),
                List.of("id=c", "features=[]")), plain(back.get("actions")));
        assertEquals(Map.of("age", 0.3, "city=Oslo", 1.0), plain(back.get("context_sparse")));
        assertEquals(1.5, back.get("reward"));
        assertEquals(1_777_630_560_000_000L, back.get("reward_timestamp"));
        assertEquals(true, back.get("reward_observed"));
        assertEquals(2, back.get("reward_count"));
        assertEquals(List.of(1.0, 0.5), plain(back.get("slot_rewards")));
        assertEquals(0, back.get("click_position"));
        assertEquals(Split.of("e-1", 0.8), plain(back.get("split")));
        assertEquals("date=2026-05-01/hour=10", InteractionRecords.bucket(InteractionRecords.decisionTime(rec)));
    }
}
