package io.rewind.cli;

import io.rewind.formats.JoinRules;
import io.rewind.jobs.mapping.Mapping;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A user's own log read through a mapping instead of a joined table: its decisions and rewards joined in memory,
 * as {@code join --mapping} would join them, with nothing written.
 */
final class MappedLogOptions {
    @Option(names = "--mapping", description = "instead of --data: your own log read through this mapping file (its"
            + " decisions and rewards sections) and joined in memory as join --mapping joins it")
    Path mapping;

    @Option(names = "--reward-window", defaultValue = "10m", converter = DurationConverter.class,
            description = "with --mapping: how long after a decision its reward may come (default 10m)")
    Duration window;

    @Option(names = "--default-reward", defaultValue = "0.0",
            description = "with --mapping: reward of a decision with no reward in its window (default 0)")
    double defaultReward;

    @Mixin
    PropensityOptions propensities = new PropensityOptions();

    /** The mapping, its propensities estimated when asked; null without --mapping (which refuses an estimate). */
    Mapping read() {
        return propensities.apply(mapping == null ? null : Mapping.read(mapping));
    }

    /** The join's rules for the mapped decisions and rewards. */
    JoinRules rules() {
        return new JoinRules(window, defaultReward, false, JoinRules.Aggregation.FIRST, 0.8);
    }
}
