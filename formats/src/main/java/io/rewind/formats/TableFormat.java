package io.rewind.formats;

import java.util.Locale;

/** The file formats Rewind reads and writes. */
public enum TableFormat {
    JSONL, CSV, PARQUET, DELTA,
    /** The batch-RL seed's episodes CSV ({@code action,all_action_probabilities,episode_id,...}); episodes only. */
    SEED_CSV;

    public static TableFormat parse(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "jsonl":
            case "jsonlines":
            case "json":
                return JSONL;
            case "csv":
                return CSV;
            case "parquet":
                return PARQUET;
            case "delta":
                return DELTA;
            case "seed-csv":
            case "seed_csv":
                return SEED_CSV;
            default:
                throw new IllegalArgumentException("unknown format '" + name
                        + "', expected one of jsonl, csv, parquet, delta, seed-csv");
        }
    }

    public boolean isText() {
        return this == JSONL || this == CSV || this == SEED_CSV;
    }

    /** The file name ending of the part files Rewind writes in this format. */
    public String extension() {
        return switch (this) {
            case JSONL -> ".jsonl";
            case CSV, SEED_CSV -> ".csv";
            case PARQUET, DELTA -> ".parquet";
        };
    }

    public String cliName() {
        return this == SEED_CSV ? "seed-csv" : name().toLowerCase(Locale.ROOT);
    }
}
