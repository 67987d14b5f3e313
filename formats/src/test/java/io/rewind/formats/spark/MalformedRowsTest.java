package io.rewind.formats.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Candidate;
import io.rewind.formats.CsvCodec;
import io.rewind.formats.JsonCodec;
import io.rewind.formats.SampleRows;
import io.rewind.formats.TableFormat;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corpus of bad rows, one per rule, in each input format: quarantined with the right reason, line and file. */
class MalformedRowsTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final TableSchema D = Tables.DECISIONS;

    @TempDir
    Path dir;

    /** A valid decision with one field changed. */
    static Object[] with(String field, Object value) {
        Object[] row = SampleRows.decisions().get(0).clone();
        row[D.indexOf(field)] = value;
        return row;
    }

    /** The semantic cases, the same in every format: row, expected reason. */
    static List<Map.Entry<Object[], String>> semanticCases() {
        return List.of(
                Map.entry(with("event_id", null), "event_id: missing"),
                Map.entry(with("action_prob", 0.0), "action_prob: must be in (0, 1], was 0.0"),
                Map.entry(with("action_prob", 1.5), "action_prob: must be in (0, 1], was 1.5"),
                Map.entry(with("context", new double[] {0.5, Double.NaN}), "context: entry 1 must be finite, was NaN"),
                Map.entry(with("context", new double[] {1, 2, 3}),
                        "context: has 3 entries, the table's other rows have 2"),
                Map.entry(with("actions", List.of(new Candidate("a", new double[] {1, 0, 0.25}),
                        new Candidate("b", new double[] {0, 1}))),
                        "actions.features: has 2 entries, the table's other rows have 3"),
                Map.entry(with("action", "zzz"), "action: \"zzz\" is not one of the candidates"),
                Map.entry(with("action_probs", new double[] {0.7, 0.7}), "action_probs: sums to 1.4, not 1"),
                Map.entry(with("timestamp", null), "timestamp: missing"),
                Map.entry(with("context", new double[] {1e308, 0}), "context: entry 0 is outside +-1.0E12"));
    }

    @Test
    void jsonlinesCorpus() throws Exception {
        List<String> lines = new ArrayList<>();
        Map<Long, String> expected = new TreeMap<>();
        lines.add(JsonCodec.encodeLine(D, SampleRows.decisions().get(0)));
        lines.add(JsonCodec.encodeLine(D, SampleRows.decisions().get(1)));
        for (Map.Entry<Object[], String> c : semanticCases()) {
            Object[] row = c.getKey().clone();
            row[0] = row[0] == null ? null : "id-" + lines.size();
            lines.add(JsonCodec.encodeLine(D, row).replace("\"context\":[0.5,\"NaN\"]", "\"context\":[0.5,NaN]"));
            expected.put((long) lines.size(), c.getValue());
        }
        String good = JsonCodec.encodeLine(D, SampleRows.decisions().get(0));
        lines.add(good.substring(0, good.length() / 2));
        expected.put((long) lines.size(), "line: malformed JSON");
        lines.add(good.replace("\"action_prob\":0.7", "\"action_prob\":\"0.7\"").replace("\"e1\"", "\"id-t\""));
        expected.put((long) lines.size(), "action_prob: expected a number, got string \"0.7\"");
        lines.add(good.replace("\"timestamp\":\"2026-11-20T10:15:30.123456Z\"", "\"timestamp\":\"soon\"")
                .replace("\"e1\"", "\"id-ts\""));
        expected.put((long) lines.size(), "timestamp: not a timestamp: \"soon\"");
        lines.add("[1, 2, 3]");
        expected.put((long) lines.size(), "line: expected a JSON object, got ARRAY");
        lines.add(good.replace("\"timestamp\":\"2026-11-20T10:15:30.123456Z\"", "\"timestamp\":1763633730123")
                .replace("\"e1\"", "\"id-ms\"")); // epoch milliseconds: a good row
        lines.add(good.replace("\"timestamp\":\"2026-11-20T10:15:30.123456Z\"", "\"timestamp\":\"57971-01-01\"")
                .replace("\"e1\"", "\"id-y\""));
        expected.put((long) lines.size(), "timestamp: ");
        lines.set(0, "\uFEFF" + lines.get(0)); // a byte-order mark before the first (good) row
        Path file = dir.resolve("decisions.jsonl");
        Files.write(file, lines);
        assertCorpus(TableFormat.JSONL, file, lines.size(), expected);
    }

    @Test
    void csvCorpus() throws Exception {
        List<String> lines = new ArrayList<>();
        Map<Long, String> expected = new TreeMap<>();
        lines.add("\uFEFF" + CsvCodec.header(D)); // a byte-order mark before the header
        lines.add(CsvCodec.encodeLine(D, SampleRows.decisions().get(0)));
        lines.add(CsvCodec.encodeLine(D, SampleRows.decisions().get(1)));
        for (Map.Entry<Object[], String> c : semanticCases()) {
            Object[] row = c.getKey().clone();
            row[0] = row[0] == null ? null : "id-" + lines.size();
            lines.add(CsvCodec.encodeLine(D, row).replace("[0.5,\"\"NaN\"\"]", "[0.5,NaN]"));
            expected.put((long) lines.size(), c.getValue());
        }
        String good = CsvCodec.encodeLine(D, SampleRows.decisions().get(0));
        lines.add(good.replace(",0.7,", ",high,").replace("e1,", "id-t,"));
        expected.put((long) lines.size(), "action_prob: expected a number, got string \"high\"");
        lines.add(good.substring(0, 30));
        expected.put((long) lines.size(), "line: ");
        lines.add(good.replace("\"[0.5,-1.25]\"", "\"[0.5,-1.25\"").replace("e1,", "id-j,"));
        expected.put((long) lines.size(), "context: malformed JSON in cell");
        Path file = dir.resolve("decisions.csv");
        Files.write(file, lines);
        assertCorpus(TableFormat.CSV, file, lines.size() - 1, expected);
    }

    @Test
    void parquetCorpus() {
        List<Row> rows = new ArrayList<>();
        Map<Long, String> expected = new TreeMap<>();
        rows.add(SparkRows.toRow(D, SampleRows.decisions().get(0)));
        rows.add(SparkRows.toRow(D, SampleRows.decisions().get(1)));
        for (Map.Entry<Object[], String> c : semanticCases()) {
            Object[] row = c.getKey().clone();
            row[0] = row[0] == null ? null : "id-" + rows.size();
            expected.put((long) rows.size(), c.getValue()); // Parquet rows are numbered from 0
            rows.add(SparkRows.toRow(D, row));
        }
        String path = dir.resolve("decisions.parquet").toString();
        SPARK.createDataFrame(rows, SparkSchemas.of(D)).coalesce(1).write().parquet(path);
        assertCorpus(TableFormat.PARQUET, Path.of(path), rows.size(), expected);
    }

    /**
     * Parquet lets a vector hold nulls and a candidate be null, which no other format can write: each is quarantined
     * naming the field and the element, as the rows are checked in Spark's own representation.
     */
    @Test
    void parquetNullsInsideVectorsAndCandidates() {
        Dataset<Row> good = SPARK.createDataFrame(List.of(SparkRows.toRow(D, SampleRows.decisions().get(0))),
                SparkSchemas.of(D));
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("array(0.5D, CAST(NULL AS DOUBLE))", "context: element 1 is null");
        cases.put("array(named_struct('id', 'a', 'features', array(1D, 0D, 0.25D)),"
                + " named_struct('id', 'b', 'features', array(0D, CAST(NULL AS DOUBLE), 2D)))",
                "actions[1].features: element 1 is null");
        cases.put("array(named_struct('id', 'a', 'features', array(1D, 0D, 0.25D)),"
                + " CAST(NULL AS STRUCT<id: STRING, features: ARRAY<DOUBLE>>))", "actions[1]: null");
        cases.put("array(named_struct('id', 'a', 'features', array(1D, 0D, 0.25D)),"
                + " named_struct('id', CAST(NULL AS STRING), 'features', array(0D, 1D, 2D)))", "actions[1].id: missing");
        cases.put("array(named_struct('id', 'a', 'features', array(1D, 0D, 0.25D)),"
                + " named_struct('id', 'a', 'features', array(0D, 1D, 2D)))", "actions: candidate id \"a\" appears twice");
        Dataset<Row> rows = good;
        Map<Long, String> expected = new TreeMap<>();
        long at = 1;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String column = c.getKey().startsWith("array(0.5D") ? "context" : "actions";
            rows = rows.unionByName(good.withColumn("event_id", functions.lit("id-" + at))
                    .withColumn(column, functions.expr(c.getKey())));
            expected.put(at++, c.getValue());
        }
        rows = rows.unionByName(good.withColumn("event_id", functions.lit("id-" + at))
                .withColumn("slate", functions.expr("array('a', CAST(NULL AS STRING))")));
        expected.put(at++, "slate: element 1 is null");
        String path = dir.resolve("decisions-with-nulls.parquet").toString();
        rows.coalesce(1).write().parquet(path);
        assertCorpus(TableFormat.PARQUET, Path.of(path), (int) at, expected);
    }

    @Test
    void aParquetColumnOfTheWrongTypeFailsNamingFileAndField() {
        String path = dir.resolve("rewards-bad-type.parquet").toString();
        SPARK.sql("SELECT 'e1' AS event_id, current_timestamp() AS timestamp, 'lots' AS reward").write().parquet(path);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableReader.read(SPARK, Tables.REWARDS, TableFormat.PARQUET, path));
        assertTrue(e.getMessage().contains("rewards-bad-type.parquet: field reward has type string"), e.getMessage());
    }

    private void assertCorpus(TableFormat format, Path file, int rowsIn, Map<Long, String> expected) {
        ReadResult read = TableReader.read(SPARK, D, format, file.toString());
        assertEquals(rowsIn, read.total(), "rows in");
        assertEquals(read.total(), read.validCount() + read.quarantinedCount(), "rows in = rows out + quarantined");
        assertEquals(expected.size(), read.quarantinedCount(), () -> "quarantined: "
                + read.quarantined().select("source_line", "reason").collectAsList());
        Map<Long, String> actual = new TreeMap<>();
        for (Row r : read.quarantined().select("source_line", "reason", "source_file", "raw").collectAsList()) {
            actual.put(r.getLong(0), r.getString(1));
            assertTrue(r.getString(2).contains(file.getFileName().toString()), r.getString(2));
            if (format.isText() && !r.getString(1).contains("the table's other rows have")) {
                assertTrue(r.getString(3) != null && !r.getString(3).isEmpty(), "raw line kept");
            }
        }
        assertEquals(expected.keySet(), actual.keySet(), actual.toString());
        expected.forEach((line, reason) -> assertTrue(actual.get(line).startsWith(reason),
                "line " + line + ": expected '" + reason + "', got '" + actual.get(line) + "'"));
    }
}
