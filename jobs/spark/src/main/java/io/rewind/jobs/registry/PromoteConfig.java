package io.rewind.jobs.registry;

import io.rewind.formats.TableFormat;
import java.util.List;

/**
 * What {@code rewind promote} evaluates and decides.
 *
 * @param gate {@code interval}: promote when the lower bound of the 95% interval of (candidate − hosted) DR value is
 *             above 0; {@code estimate}: when the candidate's DR value is at least the hosted model's (the seeds'
 *             rule, for rewards)
 */
public record PromoteConfig(String registry, String experiment, String candidate, List<String> data,
                            TableFormat dataFormat, String split, String gate, int replicates, long seed) {
    public PromoteConfig {
        data = List.copyOf(data);
        if (!List.of("interval", "estimate").contains(gate)) {
            throw new IllegalArgumentException("--gate must be interval or estimate, not " + gate);
        }
    }
}
