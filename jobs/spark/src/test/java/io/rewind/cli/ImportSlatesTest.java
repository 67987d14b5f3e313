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
        Map<String, int[]> slotClicks = new TreeMap<>();
        for (int v = 0; v < 40; v++) {
            String view = String.format("pv-%04d", v);
            List<String> items = new ArrayList<>(List.of("item0", "item1", "item2", "item3", "item4"));
            Collections.shuffle(items, random);
            double sum = 0;
            int[] clickedAt = new int[3];
            for (int slot = 1; slot <= 3; slot++) {
                int clicked = random.nextDouble() < 0.3 ? 1 : 0;
                sum += clicked;
                clickedAt[slot - 1] = clicked;
                int position = v == 7 && slot == 3 ? 2 : slot; // pv-0007 gives position 2 twice
                rows.add(String.join(",", view, String.format("2026-12-01T10:%02d:%02d", v, 0), Integer.toString(
                        position), items.get(slot - 1), Double.toString(1.0 / (6 - slot)), Integer.toString(clicked),
                        "item0|item1|item2|item3|item4"));
            }
            if (v != 7) {
                slates.put(view, items.subList(0, 3).toArray(new String[0]));
                clicks.put(view, sum);
                slotClicks.put(view, clickedAt);
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

        // evaluate slates reads the same log through the mapping, joined in memory: slate IPS and RIPS as the test
        // computes them from its own slates, clicks and the target's Plackett-Luce ranking
        double[] weights = {0.4, 0.3, 0.15, 0.1, 0.05};
        List<String> target = new ArrayList<>();
        double slateIps = 0;
        double rips = 0;
        for (String view : slates.keySet()) {
            target.add("{\"event_id\": \"" + view + "\", \"timestamp\": \"2026-12-01T10:00:00Z\", \"model_id\":"
                    + " \"target\", \"actions\": [{\"id\": \"item0\"}, {\"id\": \"item1\"}, {\"id\": \"item2\"},"
                    + " {\"id\": \"item3\"}, {\"id\": \"item4\"}], \"action\": \"item0\", \"action_prob\": 0.4,"
                    + " \"action_probs\": [0.4, 0.3, 0.15, 0.1, 0.05]}");
            double ratio = 1;
            double left = 1;
            for (int k = 0; k < 3; k++) {
                double w = weights[slates.get(view)[k].charAt(4) - '0'];
                ratio *= (w / left) / (1.0 / (5 - k)); // the target's conditional probability over the logger's
                left -= w;
                rips += ratio * slotClicks.get(view)[k];
            }
            slateIps += ratio * clicks.get(view);
        }
        Path targetFile = Files.write(Files.createDirectories(dir.resolve("target")).resolve("part-0.jsonl"), target);
        String[] evaluated = LocalInputsTest.run("evaluate", "slates", "--mapping", mapping.toString(), "--target",
                targetFile.getParent().toString(), "--bootstrap", "20", "--report", dir.resolve("mapped.json")
                        .toString());
        assertEquals("0", evaluated[0], evaluated[1]);
        var report = Json.tree(dir.resolve("mapped.json"));
        assertEquals("SlateIPS", report.get("target").get(0).get("estimator").asText(), report.toString());
        assertEquals(slateIps / 39, report.get("target").get(0).get("value").asDouble(), 1e-12, report.toString());
        assertEquals("RIPS", report.get("target").get(1).get("estimator").asText(), report.toString());
        assertEquals(rips / 39, report.get("target").get(1).get("value").asDouble(), 1e-12, report.toString());
        assertEquals(40, report.get("rows_in").asLong(), "the quarantined page view is counted: " + report);
        assertEquals(1, report.get("unusable").asLong(), report.toString());
    }

    static String[] with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }
}
