package io.rewind.jobs.propensity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The mapping of the propensity tests' impressions table (Parquet in {@code dir/impressions}: impression_id,
 * shown_at, features, candidates, chosen, clicked and optionally model), which logs no probabilities.
 */
final class ImpressionsMapping {
    private ImpressionsMapping() {
    }

    /** Writes {@code dir/mapping.yaml}; {@code modelColumn} null leaves model_id unmapped. */
    static Path write(Path dir, String modelColumn) throws IOException {
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
