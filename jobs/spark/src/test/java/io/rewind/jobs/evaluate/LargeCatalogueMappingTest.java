package io.rewind.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewind.cli.CommandLines;
import io.rewind.formats.Json;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2,000-item catalogue as real logs keep one: a CSV of item ids and a categorical genre (20 genres), and an
 * impression log whose every row had the whole catalogue as candidates, the logger's distribution over it as an
 * array, the shown item and its propensity. Both policies pick a genre by a softmax of the context and then an item
 * inside it, with different preferences inside the genre that do not matter to the click, which depends on the genre
 * only: MIPS on the genre one-hot the mapping builds is unbiased, and IPS pays for the weights inside genres.
 */
class LargeCatalogueMappingTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final int ITEMS = 2000;
    static final int GENRES = 20;
    static final int ROWS = 400;
    static final int DIM = 3;

    @TempDir
    Path dir;

    static int genre(int item) {
        return item % GENRES;
    }

    /** Inside a genre, the logger prefers even ranks two to one and the target odd ranks. */
    static double inGenre(int item, boolean target) {
        boolean even = (item / GENRES) % 2 == 0;
        return (even != target ? 2.0 : 1.0) / (1.5 * ITEMS / GENRES);
    }

    static double[] genreProbs(double[][] theta, double[] x) {
        double[] s = new double[GENRES];
        double max = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < GENRES; g++) {
            for (int d = 0; d < DIM; d++) {
                s[g] += theta[g][d] * x[d];
            }
            max = Math.max(max, s[g]);
        }
        double sum = 0;
        for (int g = 0; g < GENRES; g++) {
            s[g] = Math.exp(s[g] - max);
            sum += s[g];
        }
        for (int g = 0; g < GENRES; g++) {
            s[g] /= sum;
        }
        return s;
    }

    static double click(double[] beta, double[] x) {
        double z = -0.5;
        for (int d = 0; d < DIM; d++) {
            z += beta[d] * x[d];
        }
        return 1 / (1 + Math.exp(-z));
    }

    static String itemId(int i) {
        return String.format("item-%04d", i);
    }

    @Test
    void aMappedCatalogueOf2000ItemsGivesMipsTheGenresAndItCoversTheTruth() throws Exception {
        SplittableRandom r = new SplittableRandom(17);
        double[][] beta = new double[GENRES][DIM];
        double[][] loggerTheta = new double[GENRES][DIM];
        double[][] targetTheta = new double[GENRES][DIM];
        for (int g = 0; g < GENRES; g++) {
            for (int d = 0; d < DIM; d++) {
                beta[g][d] = r.nextGaussian();
                loggerTheta[g][d] = 0.3 * r.nextGaussian();
                targetTheta[g][d] = 2 * beta[g][d];
            }
        }
        StringBuilder catalogue = new StringBuilder("item_id,genre\n");
        for (int i = 0; i < ITEMS; i++) {
            catalogue.append(itemId(i)).append(",g").append(String.format("%02d", genre(i))).append('\n');
        }
        Files.writeString(dir.resolve("items.csv"), catalogue);

        List<Row> impressions = new ArrayList<>();
        StringBuilder target = new StringBuilder();
        String candidates = String.join(",", java.util.stream.IntStream.range(0, ITEMS)
                .mapToObj(i -> "{\"id\":\"" + itemId(i) + "\"}").toList());
        Map<String, Double> genreWeightTimesReward = new HashMap<>();
        double truth = 0;
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        for (int n = 0; n < ROWS; n++) {
            double[] x = new double[DIM];
            for (int d = 0; d < DIM; d++) {
                x[d] = r.nextGaussian();
            }
            double[] gb = genreProbs(loggerTheta, x);
            double[] ge = genreProbs(targetTheta, x);
            List<Double> pb = new ArrayList<>(ITEMS);
            StringBuilder pe = new StringBuilder();
            for (int i = 0; i < ITEMS; i++) {
                pb.add(gb[genre(i)] * inGenre(i, false));
                pe.append(i == 0 ? "" : ",").append(ge[genre(i)] * inGenre(i, true));
            }
            for (int g = 0; g < GENRES; g++) {
                truth += ge[g] * click(beta[g], x) / ROWS;
            }
            double u = r.nextDouble();
            int a = 0;
            for (double acc = pb.get(0); acc < u && a < ITEMS - 1; acc += pb.get(++a)) {
                // walk the cumulative distribution
            }
            double reward = r.nextDouble() < click(beta[genre(a)], x) ? 1 : 0;
            String id = String.format("imp-%04d", n);
            genreWeightTimesReward.put(id, ge[genre(a)] / gb[genre(a)] * reward);
            Timestamp at = Timestamp.from(t0.plusSeconds(n));
            impressions.add(RowFactory.create(id, at, x[0], x[1], x[2], itemId(a), pb.get(a), pb, reward));
            target.append("{\"event_id\":\"").append(id).append("\",\"timestamp\":\"").append(at.toInstant())
                    .append("\",\"actions\":[").append(candidates).append("],\"action\":\"").append(itemId(a))
                    .append("\",\"action_prob\":").append(ge[genre(a)] * inGenre(a, true))
                    .append(",\"action_probs\":[").append(pe).append("]}\n");
        }
        StructType schema = new StructType().add("impression_id", DataTypes.StringType)
                .add("shown_at", DataTypes.TimestampType).add("x1", DataTypes.DoubleType)
                .add("x2", DataTypes.DoubleType).add("x3", DataTypes.DoubleType)
                .add("item_shown", DataTypes.StringType).add("propensity", DataTypes.DoubleType)
                .add("item_probs", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("clicked", DataTypes.DoubleType);
        SPARK.createDataFrame(impressions, schema).coalesce(1).write().parquet(dir.resolve("impressions").toString());
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/part-0.jsonl"), target);
        Path mapping = Files.writeString(dir.resolve("mapping.yaml"), """
                source: {format: parquet, path: impressions}
                catalogue:
                  source: {format: csv, path: items.csv}
                  key: item_id
                  features:
                    - column: genre
                      categorical: true
                decisions:
                  event_id: {column: impression_id}
                  timestamp: {column: shown_at}
                  context:
                    vector:
                      - column: x1
                      - column: x2
                      - column: x3
                  actions: {catalogue: all}
                  action: {column: item_shown}
                  action_prob: {column: propensity}
                  action_probs: {column: item_probs}
                rewards:
                  event_id: {column: impression_id}
                  timestamp: {column: shown_at}
                  reward: {column: clicked}
                """);

        String interactions = dir.resolve("interactions").toString();
        String[] join = CommandLines.run("join", "--mapping", mapping.toString(), "--output", interactions,
                "--output-format", "parquet", "--reward-window", "1s");
        assertEquals("0", join[0], join[1]);
        Row first = TableReader.read(SPARK, Tables.INTERACTIONS, TableFormat.PARQUET, interactions).valid()
                .orderBy("event_id").first();
        List<Row> actions = first.getList(first.fieldIndex("actions"));
        assertEquals(ITEMS, actions.size());
        assertEquals(itemId(1999), actions.get(1999).getString(0));
        List<Double> genreOneHot = actions.get(1999).getList(1);
        assertEquals(GENRES, genreOneHot.size());
        assertEquals(1.0, genreOneHot.get(genre(1999)), "item-1999 is in genre g19, the last of the sorted genres");

        Path report = dir.resolve("report.json");
        String[] evaluate = CommandLines.run("evaluate", "bandit", "--data", interactions, "--data-format",
                "parquet", "--target", dir.resolve("target").toString(), "--target-format", "jsonl",
                "--estimators", "ips,snips,mips,snmips", "--report", report.toString(), "--bootstrap", "0");
        assertEquals("0", evaluate[0], evaluate[1]);
        JsonNode json = Json.tree(Files.readString(report));
        assertEquals(ROWS, json.get("rows_used").asLong());
        Map<String, JsonNode> byName = new HashMap<>();
        json.get("target").forEach(e -> byName.put(e.get("estimator").asText(), e));
        double mipsByHand = genreWeightTimesReward.values().stream().mapToDouble(Double::doubleValue).sum() / ROWS;
        assertEquals(mipsByHand, byName.get("MIPS").get("value").asDouble(), 1e-9);
        System.out.println("2,000-item catalogue: truth " + truth + ", " + byName);
        for (String name : List.of("MIPS", "SNMIPS", "IPS")) {
            JsonNode normal = byName.get(name).get("normal");
            double half = (normal.get("upper").asDouble() - normal.get("lower").asDouble()) / 2;
            assertEquals(truth, byName.get(name).get("value").asDouble(), 3 * half, name);
        }
        assertTrue(width(byName.get("MIPS")) < width(byName.get("IPS")), "MIPS " + width(byName.get("MIPS"))
                + " against IPS " + width(byName.get("IPS")));
    }

    private static double width(JsonNode estimate) {
        return estimate.get("normal").get("upper").asDouble() - estimate.get("normal").get("lower").asDouble();
    }
}
