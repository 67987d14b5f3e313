package io.rewind.jobs.propensity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The propensity tests' log in a user's shape: an impressions table (Parquet in {@code dir/impressions}:
 * impression_id, shown_at, features, candidates, chosen, clicked and optionally model) with no probabilities, its
 * mapping, and a target that always shows one candidate, one second apart from 2026-05-01.
 */
final class Impressions {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private final List<Row> rows = new ArrayList<>();
    private final StringBuilder target = new StringBuilder();

    /** Adds one impression, and the target's decision for it: {@code targetAction} with probability 1. */
    Impressions add(String id, List<Double> context, List<String> candidates, String chosen, double clicked,
                    String targetAction) {
        Timestamp at = Timestamp.from(T0.plusSeconds(rows.size()));
        rows.add(RowFactory.create(id, at, context, candidates, chosen, clicked));
        List<String> ids = candidates.stream().map(c -> "{\"id\":\"" + c + "\"}").toList();
        List<String> probs = candidates.stream().map(c -> c.equals(targetAction) ? "1.0" : "0.0").toList();
        target.append("{\"event_id\":\"").append(id).append("\",\"timestamp\":\"").append(at.toInstant())
                .append("\",\"actions\":[").append(String.join(",", ids)).append("],\"action\":\"")
                .append(targetAction).append("\",\"action_prob\":1.0,\"action_probs\":[")
                .append(String.join(",", probs)).append("]}\n");
        return this;
    }

    /** Writes {@code dir/impressions}, the target in {@code dir/target} (JSON lines) and {@code dir/mapping.yaml}. */
    void write(SparkSession spark, Path dir) throws IOException {
        StructType schema = new StructType().add("impression_id", DataTypes.StringType)
                .add("shown_at", DataTypes.TimestampType)
                .add("features", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("candidates", DataTypes.createArrayType(DataTypes.StringType))
                .add("chosen", DataTypes.StringType).add("clicked", DataTypes.DoubleType);
        spark.createDataFrame(rows, schema).write().parquet(dir.resolve("impressions").toString());
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/part-0.jsonl"), target);
        mapping(dir, null);
    }

    /** Writes {@code dir/mapping.yaml}; {@code modelColumn} null leaves model_id unmapped. */
    static Path mapping(Path dir, String modelColumn) throws IOException {
        String model = modelColumn == null ? "" : "  model_id: {column: " + modelColumn + "}\n";
        return Files.writeString(dir.resolve("mapping.yaml"), """
                source: {format: parquet, path: impressions}
                decisions:
                  event_id: {column: impression_id}
                  timestamp: {column: shown_at}
                %s  context: {column: features}
                  actions: {column: candidates}
                  action: {column: chosen}
                rewards:
                  event_id: {column: impression_id}
                  timestamp: {column: shown_at}
                  reward: {column: clicked}
                """.formatted(model));
    }
}
