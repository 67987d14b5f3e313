package io.rewind.jobs.mapping;

import io.rewind.formats.TableFormat;

/**
 * {@code rewind import}: the mapping, and the folder that gets {@code decisions/} and {@code rewards/} in
 * {@code format}, {@code quarantine/} beside them, the mapping as applied ({@code mapping.yaml}) and
 * {@code summary.json}.
 */
public record ImportConfig(Mapping mapping, String output, TableFormat format, double maxBadFraction) {
    public ImportConfig {
        if (format == TableFormat.SEED_CSV) {
            throw new IllegalArgumentException("import writes jsonl, csv, parquet or delta, not " + format.cliName());
        }
        if (!(maxBadFraction >= 0 && maxBadFraction <= 1)) {
            throw new IllegalArgumentException("--max-bad-fraction must be in [0, 1]: " + maxBadFraction);
        }
        output = output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
    }

    public String table(MappedTableKind t) {
        return output + "/" + t.key();
    }

    public String quarantine(MappedTableKind t) {
        return output + "/quarantine/" + t.key();
    }

    public String appliedMapping() {
        return output + "/mapping.yaml";
    }

    public String summary() {
        return output + "/summary.json";
    }
}
