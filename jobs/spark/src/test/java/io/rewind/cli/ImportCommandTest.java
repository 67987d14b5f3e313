package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rewind.formats.Json;
import io.rewind.formats.spark.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code rewind import} and {@code join --mapping} on the committed example log
 * (data/examples/own-logs), as the README shows them: what they write equals what a plain reading of the CSV files
 * says each row should become, and the rows that cannot be used are in quarantine with the field, the column and
 * the mapping line ({@link MappingRefusalTest}: a mapping that cannot work is refused before any row is read).
 */
class ImportCommandTest {
    static final Path EXAMPLE = Path.of("..", "..", "data", "examples", "own-logs");

    @TempDir
    Path dir;
    Path mapping;

    @BeforeEach
    void copyExample() throws IOException {
        mapping = copyExample(dir);
    }

    /** The example copied where the README's relative paths, rebased into {@code dir}, find it; its mapping. */
    static Path copyExample(Path dir) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("data/examples/own-logs"));
        for (String f : List.of("impressions.csv", "items.csv", "mapping.yaml")) {
            Files.copy(EXAMPLE.resolve(f), copy.resolve(f));
        }
        return copy.resolve("mapping.yaml");
    }

    static String[] run(String... args) {
        return LocalInputsTest.run(args);
    }

    /** What the decision of one CSV row must be, read with nothing but java.time and string splitting. */
    record Expected(String eventId, Instant timestamp, List<Double> context, String action, double prob,
                    double reward) {
    }

    static List<String[]> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(","));
        }
        return rows;
    }

    @Test
    void theReadmesMappingIsTheCommittedOne() throws IOException {
        String readme = Files.readString(Path.of("..", "..", "README.md"));
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(yaml.find(), "the README shows a mapping");
        ObjectMapper reader = new ObjectMapper(new YAMLFactory());
        assertEquals(reader.readTree(EXAMPLE.resolve("mapping.yaml").toFile()), reader.readTree(yaml.group(1)));
    }

    /** A README command, its relative paths rebased into the test's folder. */
    String[] runReadme(String prefix) throws IOException {
        String command = ReadmeExamplesTest.readme(ReadmeExamplesTest.readmeCommands(), prefix);
        List<String> args = new ArrayList<>();
        for (String a : command.split("\\s+")) {
            args.add(a.contains("/") ? dir.resolve(a).toString() : a);
        }
        return run(args.toArray(new String[0]));
    }

    @Test
    void theReadmesCommandsWriteWhatAPlainReadingOfTheLogSays() throws IOException {
        Path out = dir.resolve("own/imported");
        String[] r = runReadme("import --mapping");
        assertEquals("0", r[0], r[1]);

        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
        List<String> devices = List.of("mobile", "desktop", "tablet");
        Map<String, Expected> expected = new TreeMap<>();
        for (String[] row : csv(EXAMPLE.resolve("impressions.csv"))) {
            if (row[0].equals("imp-0017") || row[0].equals("imp-0033")) {
                continue;
            }
            List<Double> context = new ArrayList<>(List.of(Double.parseDouble(row[3])));
            for (String d : devices) {
                context.add(d.equals(row[4]) ? 1.0 : 0.0);
            }
            Instant t = LocalDateTime.parse(row[1], pattern).atZone(ZoneId.of("Europe/Paris")).toInstant();
            expected.put(row[0], new Expected(row[0], t, context, row[5], Double.parseDouble(row[6]),
                    Double.parseDouble(row[7])));
        }
        TreeSet<String> genres = new TreeSet<>();
        Map<String, String[]> items = new TreeMap<>();
        for (String[] item : csv(EXAMPLE.resolve("items.csv"))) {
            genres.add(item[2]);
            items.put(item[0], item);
        }
        Map<String, List<Double>> itemFeatures = new LinkedHashMap<>();
        for (String[] item : items.values()) {
            List<Double> f = new ArrayList<>(List.of(Double.parseDouble(item[1])));
            for (String g : genres) {
                f.add(g.equals(item[2]) ? 1.0 : 0.0);
            }
            itemFeatures.put(item[0], f);
        }

        SparkSession spark = LocalSpark.getOrCreate("import test");
        List<Row> decisions = spark.read().parquet(out.resolve("decisions").toString()).orderBy("event_id")
                .collectAsList();
        assertEquals(expected.size(), decisions.size());
        for (Row d : decisions) {
            Expected e = expected.get(d.<String>getAs("event_id"));
            assertEquals(e.timestamp(), d.<java.sql.Timestamp>getAs("timestamp").toInstant(), e.eventId());
            assertEquals(e.context(), scalaList(d.getList(d.fieldIndex("context"))), e.eventId());
            assertEquals(e.action(), d.getAs("action"));
            assertEquals(e.prob(), d.<Double>getAs("action_prob"), 0.0);
            assertEquals("homepage-v3", d.getAs("model_id"));
            List<Row> actions = d.getList(d.fieldIndex("actions"));
            assertEquals(new ArrayList<>(itemFeatures.keySet()), actions.stream().map(a -> a.getString(0)).toList());
            for (Row a : actions) {
                assertEquals(itemFeatures.get(a.getString(0)), scalaList(a.getList(1)), a.getString(0));
            }
        }
        Map<String, Double> rewards = new TreeMap<>();
        for (Row w : spark.read().parquet(out.resolve("rewards").toString()).collectAsList()) {
            rewards.put(w.getAs("event_id"), w.getAs("reward"));
        }
        assertEquals(59, rewards.size()); // the missing propensity does not spoil the row's reward
        for (Expected e : expected.values()) {
            assertEquals(e.reward(), rewards.get(e.eventId()), e.eventId());
        }

        List<Row> bad = spark.read().parquet(out.resolve("quarantine/decisions").toString()).orderBy("event_id")
                .collectAsList();
        assertEquals(List.of("imp-0017", "imp-0033"), bad.stream().map(b -> b.<String>getAs("event_id")).toList());
        String badTime = bad.get(0).getAs("reason");
        assertTrue(badTime.startsWith("timestamp: '31/02/2026 10:00:00' in column shown_at is not a time in pattern"
                + " dd/MM/yyyy HH:mm:ss (mapping.yaml line 17)"), badTime);
        String badProb = bad.get(1).getAs("reason");
        assertTrue(badProb.startsWith("action_prob: 'n/a' in column propensity is not a double (mapping.yaml line"
                + " 27)"), badProb);
        assertTrue(bad.get(1).<String>getAs("source_file").endsWith("impressions.csv"));
        String raw = bad.get(1).getAs("raw");
        assertTrue(raw.contains("\"propensity\":\"n/a\""), raw);
        assertEquals(1, spark.read().parquet(out.resolve("quarantine/rewards").toString()).count());

        var summary = Json.tree(out.resolve("summary.json"));
        assertEquals(60, summary.get("decisions").asLong());
        assertEquals(2, summary.get("decisions_quarantined").asLong());
        assertEquals(60, summary.get("rewards").asLong());
        assertEquals(1, summary.get("rewards_quarantined").asLong());
        String applied = Files.readString(out.resolve("mapping.yaml"));
        assertTrue(applied.contains("- music\n") && applied.contains("- news\n") && applied.contains("- sport\n"),
                applied);

        // the applied mapping, given to a later run, encodes the same way: the same rows again
        String[] again = run("import", "--mapping", out.resolve("mapping.yaml").toString(), "--output",
                dir.resolve("again").toString());
        assertEquals("0", again[0], again[1]);
        assertEquals(spark.read().parquet(out.resolve("decisions").toString()).orderBy("event_id").collectAsList(),
                spark.read().parquet(dir.resolve("again/decisions").toString()).orderBy("event_id").collectAsList());

        // and the join reads the log through the mapping as it reads the imported tables
        String[] joined = runReadme("join --mapping");
        assertEquals("0", joined[0], joined[1]);
        List<Row> interactions = spark.read().format("delta").load(dir.resolve("own/interactions").toString())
                .select("event_id", "reward", "date").orderBy("event_id").collectAsList();
        assertEquals(expected.size(), interactions.size());
        for (Row i : interactions) {
            Expected e = expected.get(i.getString(0));
            assertEquals(e.reward(), i.getDouble(1), e.eventId());
            assertEquals(e.timestamp().toString().substring(0, 10), i.getString(2), e.eventId());
        }
    }

    static List<Double> scalaList(List<?> values) {
        return values.stream().map(v -> ((Number) v).doubleValue()).toList();
    }

    String[] importWith(String from, String to) throws IOException {
        return importWith(mapping, from, to, dir.resolve("out"));
    }

    /** {@code rewind import} with {@code mapping} changed by one replacement, into {@code out}. */
    static String[] importWith(Path mapping, String from, String to, Path out) throws IOException {
        String text = Files.readString(mapping);
        assertTrue(text.contains(from), from);
        Files.writeString(mapping, text.replace(from, to));
        return run("import", "--mapping", mapping.toString(), "--output", out.toString());
    }

    /** A source Spark knows by name (here a view; a catalog or Hive table alike) is read where it lives. */
    @Test
    void aTableSparkKnowsByNameIsReadThroughTheMapping() throws IOException {
        SparkSession spark = LocalSpark.getOrCreate("import test");
        spark.read().option("header", true).csv(mapping.resolveSibling("impressions.csv").toString())
                .createOrReplaceTempView("own_impressions");
        String[] r = importWith("source:\n  format: csv\n  path: impressions.csv\n",
                "source:\n  table: own_impressions\n");
        assertEquals("0", r[0], r[1]);
        var summary = Json.tree(dir.resolve("out/summary.json"));
        assertEquals(60, summary.get("decisions").asLong());
        assertEquals(2, summary.get("decisions_quarantined").asLong());
        Row bad = spark.read().parquet(dir.resolve("out/quarantine/decisions").toString()).orderBy("event_id")
                .first();
        assertTrue(bad.isNullAt(bad.fieldIndex("source_file")), "a table by name has no file");
        assertTrue(bad.<String>getAs("raw").contains("\"impression_id\":\"imp-0017\""), bad.<String>getAs("raw"));
    }

    /**
     * A database table read with spark.read's jdbc format (an H2 database here; the driver on the classpath, as
     * {@code --jars} puts it on a cluster's): the same decisions as from the CSV file, the same two rows quarantined.
     */
    @Test
    void aDatabaseTableIsReadThroughTheMappingsJdbcSource() throws IOException {
        SparkSession spark = LocalSpark.getOrCreate("import test");
        String url = "jdbc:h2:" + dir.resolve("db").toAbsolutePath();
        java.util.Properties driver = new java.util.Properties();
        driver.setProperty("driver", "org.h2.Driver");
        spark.read().option("header", true).csv(mapping.resolveSibling("impressions.csv").toString()).write()
                .jdbc(url, "impressions", driver);
        String[] fromCsv = run("import", "--mapping", mapping.toString(), "--output", dir.resolve("csv").toString());
        assertEquals("0", fromCsv[0], fromCsv[1]);
        String[] r = importWith("source:\n  format: csv\n  path: impressions.csv\n",
                "source:\n  format: jdbc\n  options: {url: '" + url + "', dbtable: impressions,"
                        + " driver: org.h2.Driver}\n");
        assertEquals("0", r[0], r[1]);
        var summary = Json.tree(dir.resolve("out/summary.json"));
        assertEquals(60, summary.get("decisions").asLong());
        assertEquals(2, summary.get("decisions_quarantined").asLong());
        List<Row> csv = spark.read().parquet(dir.resolve("csv/decisions").toString()).orderBy("event_id")
                .collectAsList();
        List<Row> jdbc = spark.read().parquet(dir.resolve("out/decisions").toString()).orderBy("event_id")
                .collectAsList();
        assertEquals(58, jdbc.size());
        assertEquals(csv, jdbc);
    }

    /**
     * train-bandit reads the mapped log directly (joined in memory, as join --mapping joins it) and learns what it
     * learns from the joined table: the same model, but for its provenance, and the same rows.
     */
    @Test
    void trainBanditOnTheMappedLogLearnsWhatItLearnsFromTheJoinedTable() throws IOException {
        String[] join = runReadme("join --mapping");
        assertEquals("0", join[0], join[1]);
        Path fromTable = dir.resolve("table.json");
        Path fromMapping = dir.resolve("mapped.json");
        String[] table = run("train-bandit", "--data", dir.resolve("own/interactions").toString(), "--split", "all",
                "--model", fromTable.toString());
        assertEquals("0", table[0], table[1]);
        String[] mapped = run("train-bandit", "--mapping", mapping.toString(), "--reward-window", "1s", "--split",
                "all", "--model", fromMapping.toString());
        assertEquals("0", mapped[0], mapped[1]);
        var a = (com.fasterxml.jackson.databind.node.ObjectNode) Json.tree(Files.readString(fromTable));
        var b = (com.fasterxml.jackson.databind.node.ObjectNode) Json.tree(Files.readString(fromMapping));
        assertEquals(58, a.get("provenance").get("rows").asLong());
        assertEquals(a.get("provenance").get("rows"), b.get("provenance").get("rows"));
        assertTrue(b.get("provenance").get("data").asText().contains("read through the mapping"),
                b.get("provenance").toString());
        a.remove("provenance");
        b.remove("provenance");
        JsonAssertions.assertSameNumbers(a, b, "model"); // the same rows, summed in another partition order

        String[] neither = run("train-bandit", "--model", dir.resolve("none.json").toString());
        assertEquals("2", neither[0], neither[1]);
        assertTrue(neither[1].contains("give --data or --mapping"), neither[1]);
    }
}
