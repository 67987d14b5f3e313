package io.rewind.jobs.evaluate;

import io.rewind.formats.TableFormat;
import io.rewind.jobs.join.MappedLog;
import java.util.List;

/**
 * The table an evaluation reads (interactions for bandits and slates, episodes for sequential decisions) and the
 * share of its rows that may be unusable before the job fails (exit 3). Or, for bandits, a user's own log read
 * through a mapping and joined in memory ({@code paths} then holds the mapping file).
 */
public record EvaluationInput(List<String> paths, TableFormat format, double maxBadFraction, MappedLog mapped) {
    public static final double DEFAULT_MAX_BAD_FRACTION = 0.05;

    public EvaluationInput(List<String> paths, TableFormat format, double maxBadFraction) {
        this(paths, format, maxBadFraction, null);
    }

    /** A user's own log read through a mapping and joined in memory. */
    public static EvaluationInput of(MappedLog log, double maxBadFraction) {
        return new EvaluationInput(List.of(log.mapping().file()), null, maxBadFraction, log);
    }

    public EvaluationInput {
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("--data: no input given");
        }
        if (!(maxBadFraction >= 0 && maxBadFraction <= 1)) {
            throw new IllegalArgumentException("--max-bad-fraction must be in [0, 1]: " + maxBadFraction);
        }
    }

    public static EvaluationInput of(String path, TableFormat format) {
        return new EvaluationInput(List.of(path), format, DEFAULT_MAX_BAD_FRACTION);
    }

    public String[] pathArray() {
        return paths.toArray(new String[0]);
    }
}
