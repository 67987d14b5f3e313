package io.rewind.jobs.registry;

import io.rewind.formats.TableFormat;
import io.rewind.jobs.evaluate.SplitSelection;
import java.util.List;

/**
 * What {@code rewind promote} evaluates and decides.
 *
 * @param gate when the candidate is promoted ({@link Gate})
 */
public record PromoteConfig(String registry, String experiment, String candidate, List<String> data,
                            TableFormat dataFormat, SplitSelection split, Gate gate, int replicates, long seed) {
    public PromoteConfig {
        data = List.copyOf(data);
    }
}
