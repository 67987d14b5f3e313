package io.rewind.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A target's decisions table read as one row per event, a usable row where the event has one. */
class TargetAlignmentTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    static String decision(String id, String probs) {
        return "{\"event_id\":\"" + id + "\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"context\":[1.0],"
                + "\"actions\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"action\":\"a\",\"action_prob\":0.5,"
                + "\"action_probs\":" + probs + "}";
    }

    @Test
    void eachEventOnceAUsableRowFirst(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.write(target.resolve("part-0.jsonl"), List.of(
                decision("one", "[0.5,0.5]"),
                decision("twice", "[0.5,0.5]"), decision("twice", "[0.5,0.5]"),
                decision("only-bad", "[0.5,0.7]"),
                decision("bad-then-good", "[0.9,0.9]"), decision("bad-then-good", "[0.5,0.5]")));
        List<Row> rows = TargetAlignment.read(SPARK, List.of(target.toString()), TableFormat.JSONL, "t")
                .collectAsList();
        Map<String, String> byEvent = new TreeMap<>();
        for (Row r : rows) {
            String reason = r.getString(r.fieldIndex("t_invalid"));
            byEvent.merge(r.getString(r.fieldIndex("event_id")), reason == null
                    ? "usable " + r.getList(r.fieldIndex("t_ids")) + " " + r.getList(r.fieldIndex("t_probs"))
                    : reason, (x, y) -> x + " AND " + y);
        }
        assertEquals(Map.of(
                "one", "usable [a, b] [0.5, 0.5]",
                "twice", "usable [a, b] [0.5, 0.5]",
                "only-bad", "target row unusable: action_probs: sums to 1.2, not 1",
                "bad-then-good", "usable [a, b] [0.5, 0.5]"), byEvent);
        assertEquals(4, rows.size(), "one row per event");
    }
}
