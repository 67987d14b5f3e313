package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Json;
import io.rewind.formats.spark.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slates from a log with one row per shown slot (the page view, the slot's position, the item, its probability
 * and whether it was clicked), rows shuffled: each page view becomes one slate decision with its items in slot
 * order and one reward summing its clicks, as the test's own grouping of the rows says; a page view that gives a
 * position twice goes to quarantine.
 */
class ImportSlatesTest {
    @TempDir
    Path dir;

    @Test
    void perSlotRowsBecomeOneSlateDecisionEach() throws Exception {
        Random random = new Random(11);
        List<String> rows = new ArrayList<>();
        Map<String, String[]> slates = new TreeMap<>();
        Map<String, Double> clicks = new TreeMap<>();
        for (int v = 0; v < 40; v++) {
            String view = String.format("pv-%04d", v);
            List<String> items = new ArrayList<>(List.of("item0", "item1", "item2", "item3", "item4"));
            Collections.shuffle(items, random);
            double sum = 0;
            for (int slot = 1; slot <= 3; slot++) {
                int clicked = random.nextDouble() < 0.3 ? 1 : 0;
                sum += clicked;
                int position = v == 7 && slot == 3 ? 2 : slot; // pv-0007 gives position 2 twice
                rows.add(String.join(",", view, String.format("2026-12-01T10:%02d:%02d", v, 0), Integer.toString(
                        position), items.get(slot - 1), Double.toString(1.0 / (6 - slot)), Integer.toString(clicked),
                        "item0|item1|item2|item3|item4"));
            }
            if (v != 7) {
                slates.put(view, items.subList(0, 3).toArray(new String[0]));
                clicks.put(view, sum);
            }
        }
        Collections.shuffle(rows, random);
        rows.add(0, "page_view,shown_at,slot,item,slot_prob,clicked,candidates");
        Files.createDirectories(dir.resolve("log"));
        Files.write(dir.resolve("log/slots.csv"), rows);
        Path mapping = Files.writeString(dir.resolve("slates.yaml"), String.join("\n",
                "source: {format: csv, path: log}",
                "slates: {key: page_view, position: slot}",
                "decisions:",
                "  event_id: {column: page_view}",
                "  timestamp: {column: shown_at, pattern: \"yyyy-MM-dd'T'HH:mm:ss\"}",
                "  actions: {column: candidates, separator: \"|\"}",
                "  slate: {column: item}",
                "  slot_probs: {column: slot_prob}",
                "rewards:",
                "  event_id: {column: page_view}",
                "  timestamp: {column: shown_at, pattern: \"yyyy-MM-dd'T'HH:mm:ss\"}",
                "  slot_rewards: {column: clicked}", ""));
        String[] r = LocalInputsTest.run("import", "--mapping", mapping.toString(), "--output",
                dir.resolve("imported").toString(), "--max-bad-fraction", "0.05");
        assertEquals("0", r[0], r[1]);
        var summary = Json.tree(dir.resolve("imported/summary.json"));
        assertEquals(40, summary.get("decisions").asLong(), summary.toString());
        assertEquals(1, summary.get("decisions_quarantined").asLong(), summary.toString());

        SparkSession spark = LocalSpark.getOrCreate("import slates test");
        List<Row> decisions = spark.read().parquet(dir.resolve("imported/decisions").toString())
                .orderBy("event_id").collectAsList();
        assertEquals(39, decisions.size());
        for (Row d : decisions) {
            String[] want = slates.get(d.<String>getAs("event_id"));
            assertEquals(List.of(want), d.getList(d.fieldIndex("slate")));
            assertEquals(want[0], d.getAs("action"));
            assertEquals(0.2, d.<Double>getAs("action_prob"), 1e-15);
            assertEquals(List.of(0.2, 0.25, 1.0 / 3), d.getList(d.fieldIndex("slot_probs")));
            assertEquals(5, d.getList(d.fieldIndex("actions")).size());
        }
        for (Row w : spark.read().parquet(dir.resolve("imported/rewards").toString()).collectAsList()) {
            assertEquals(clicks.get(w.<String>getAs("event_id")), w.<Double>getAs("reward"), 0.0,
                    w.<String>getAs("event_id"));
        }
        Row bad = spark.read().parquet(dir.resolve("imported/quarantine/decisions").toString()).first();
        assertEquals("pv-0007", bad.getAs("event_id"));
        String reason = bad.getAs("reason");
        assertTrue(reason.startsWith("slates: a position is given twice among the slate's 3 rows (slates.yaml line 2)"),
                reason);
    }
}
