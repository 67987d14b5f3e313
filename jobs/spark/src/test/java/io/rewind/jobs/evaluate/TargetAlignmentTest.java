package io.rewind.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.SparkSchemas;
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
        Map<String, String> expected = Map.of(
                "one", "usable [a, b] [0.5, 0.5]",
                "twice", "usable [a, b] [0.5, 0.5]",
                "only-bad", "target row unusable: action_probs: sums to 1.2, not 1",
                "bad-then-good", "usable [a, b] [0.5, 0.5]");
        assertEquals(expected, byEvent(target, TableFormat.JSONL));
        String parquet = asParquet(target, dir.resolve("parquet"));
        assertFalse(TargetAlignment.eventsUnique(SPARK, List.of(parquet), TableFormat.PARQUET));
        assertEquals(expected, byEvent(Path.of(parquet), TableFormat.PARQUET));
    }

    /** A Parquet table whose events are each there once is read without aggregating: the same rows. */
    @Test
    void aTableOfUniqueEventsReadsAlike(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.write(target.resolve("part-0.jsonl"), List.of(decision("one", "[0.5,0.5]"),
                decision("two", "[0.5,0.5]"), decision("bad", "[0.5,0.7]")));
        String parquet = asParquet(target, dir.resolve("parquet"));
        assertTrue(TargetAlignment.eventsUnique(SPARK, List.of(parquet), TableFormat.PARQUET));
        Map<String, String> expected = Map.of(
                "one", "usable [a, b] [0.5, 0.5]",
                "two", "usable [a, b] [0.5, 0.5]",
                "bad", "target row unusable: action_probs: sums to 1.2, not 1");
        assertEquals(expected, byEvent(target, TableFormat.JSONL));
        assertEquals(expected, byEvent(Path.of(parquet), TableFormat.PARQUET));
    }

    private static String asParquet(Path jsonl, Path out) {
        SPARK.read().schema(SparkSchemas.of(Tables.DECISIONS)).json(jsonl.toString()).write().parquet(out.toString());
        return out.toString();
    }

    /** Each event's target row as read, one line each; an event read twice is joined by AND, so it shows. */
    private static Map<String, String> byEvent(Path target, TableFormat format) {
        List<Row> rows = TargetAlignment.read(SPARK, List.of(target.toString()), format, "t").collectAsList();
        Map<String, String> byEvent = new TreeMap<>();
        for (Row r : rows) {
            String reason = r.getString(r.fieldIndex("t_invalid"));
            byEvent.merge(r.getString(r.fieldIndex("event_id")), reason == null
                    ? "usable " + r.getList(r.fieldIndex("t_ids")) + " " + r.getList(r.fieldIndex("t_probs"))
                    : reason, (x, y) -> x + " AND " + y);
        }
        assertEquals(byEvent.size(), rows.size(), "one row per event");
        return byEvent;
    }

    /**
     * Each alignment as the UDF computes it alone: the target's candidates in the logged order (Spark's expressions
     * take these), in another order, missing, other candidates, probabilities that do not sum to 1, none at all.
     */
    @Test
    void everyCaseAlignsAsTheMapFromIdToProbabilityDoes() {
        List<Object[]> cases = List.of(
                new Object[] {"same order", List.of("a", "b", "c"), List.of("a", "b", "c"), List.of(0.2, 0.3, 0.5)},
                new Object[] {"other order", List.of("a", "b", "c"), List.of("c", "a", "b"), List.of(0.5, 0.2, 0.3)},
                new Object[] {"no target", List.of("a", "b"), null, null},
                new Object[] {"no distribution", List.of("a", "b"), List.of("a", "b"), null},
                new Object[] {"other candidates", List.of("a", "b"), List.of("a", "x"), List.of(0.5, 0.5)},
                new Object[] {"fewer candidates", List.of("a", "b"), List.of("a"), List.of(1.0)},
                new Object[] {"sums off in order", List.of("a", "b"), List.of("a", "b"), List.of(0.5, 0.6)},
                new Object[] {"sums off reordered", List.of("a", "b"), List.of("b", "a"), List.of(0.5, 0.6)},
                new Object[] {"no candidates", null, List.of("a"), List.of(1.0)});
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("name", "string")
                .add("actions", "array<struct<id:string>>")
                .add("t_ids", "array<string>")
                .add("t_probs", "array<double>");
        List<Row> rows = cases.stream().map(c -> org.apache.spark.sql.RowFactory.create(c[0], c[1] == null ? null
                : ((List<?>) c[1]).stream().map(id -> org.apache.spark.sql.RowFactory.create(id)).toList(), c[2],
                c[3])).toList();
        org.apache.spark.sql.Dataset<Row> input = SPARK.createDataFrame(rows, schema);
        List<Row> aligned = TargetAlignment.withAlignment(input, "t").select("name", "t_aligned", "t_reason")
                .collectAsList();
        assertEquals(cases.size(), aligned.size());
        // a decisions table's rows come checked by its rules (t_invalid says where not): sums are not checked again
        List<Row> fromTable = TargetAlignment.withAlignment(input.filter("name not like 'sums off%'").withColumn(
                "t_invalid", org.apache.spark.sql.functions.lit(null).cast("string")), "t")
                .select("name", "t_aligned", "t_reason").collectAsList();
        assertEquals(cases.size() - 2, fromTable.size());
        for (Row r : java.util.stream.Stream.concat(aligned.stream(), fromTable.stream()).toList()) {
            Object[] c = cases.stream().filter(x -> x[0].equals(r.getString(0))).findFirst().orElseThrow();
            Object[] expected = TargetAlignment.align(c[1], c[2], c[3]);
            List<Double> probs = r.isNullAt(1) ? null : r.getList(1);
            List<Double> want = expected[0] == null ? null
                    : java.util.Arrays.stream((double[]) expected[0]).boxed().toList();
            assertEquals(want, probs, r.getString(0));
            assertEquals(expected[1], r.getString(2), r.getString(0));
        }
        assertEquals(List.of(0.2, 0.3, 0.5), aligned.stream().filter(r -> r.getString(0).equals("other order"))
                .findFirst().orElseThrow().getList(1), "reordered to the logged candidates");
    }
}
