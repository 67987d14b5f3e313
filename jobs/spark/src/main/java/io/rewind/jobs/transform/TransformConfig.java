package io.rewind.jobs.transform;

import io.rewind.formats.TableFormat;
import java.time.Instant;
import java.util.List;

/**
 * What {@code rewind transform} scores.
 *
 * @param model a batch-RL policy folder (train-rl's {@code policy/}) or a bandit model file (train-bandit)
 * @param joinInput keep the input's fields on each output row (text input: the line, as {@code input})
 * @param stateColumn batch-RL policies with Parquet or Delta input: the column holding the state vector
 * @param decidedAt the {@code timestamp} of bandit decisions; null takes the newest modification time of the input
 *                  files, so a re-run over the same input writes the same rows
 * @param decisions bandit policies: also write the decisions as a Rewind decisions table here (or null)
 * @param batchSize rows scored together (one DJL forward pass for neural policies)
 * @param idColumn a field that identifies each row (its random stream and event id derive from it); null uses the
 *                 row's file and line (Parquet/Delta: row index)
 * @param overwriteDecisions replace an existing table at {@code decisions} (without it, an existing one is refused)
 */
public record TransformConfig(String model, List<String> input, TableFormat inputFormat, String output,
                             TableFormat outputFormat, boolean joinInput, long seed, String stateColumn,
                             Instant decidedAt, String decisions, int batchSize, double maxBadFraction,
                             String idColumn, boolean overwriteDecisions) {
    public TransformConfig {
        input = List.copyOf(input);
        if (!List.of(TableFormat.JSONL, TableFormat.PARQUET, TableFormat.DELTA).contains(inputFormat)
                || !List.of(TableFormat.JSONL, TableFormat.PARQUET, TableFormat.DELTA).contains(outputFormat)) {
            throw new IllegalArgumentException("transform reads and writes jsonl, parquet or delta");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be positive");
        }
    }

    /** The same, refusing to replace an existing decisions table. */
    public TransformConfig(String model, List<String> input, TableFormat inputFormat, String output,
                           TableFormat outputFormat, boolean joinInput, long seed, String stateColumn,
                           Instant decidedAt, String decisions, int batchSize, double maxBadFraction,
                           String idColumn) {
        this(model, input, inputFormat, output, outputFormat, joinInput, seed, stateColumn, decidedAt, decisions,
                batchSize, maxBadFraction, idColumn, false);
    }

    public String quarantine() {
        return output + "_quarantine";
    }
}
