package io.rewind.cli;

import io.rewind.formats.JoinRules;
import io.rewind.jobs.mapping.Mapping;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A user's own log read through a mapping instead of a joined table: its decisions and rewards joined in memory,
 * as {@code join --mapping} would join them (the same join options), with nothing written.
 */
final class MappedLogOptions {
    @Option(names = "--mapping", description = "instead of --data: your own log read through this mapping file (its"
            + " decisions and rewards sections) and joined in memory as join --mapping joins it")
    Path mapping;

    @Mixin
    JoinRuleOptions joinRules = new JoinRuleOptions();

    @Mixin
    PropensityOptions propensities = new PropensityOptions();

    /** The mapping, its propensities estimated when asked; null without --mapping (which refuses an estimate). */
    Mapping read() {
        return propensities.apply(mapping == null ? null : Mapping.read(mapping));
    }

    /** The join's rules for the mapped decisions and rewards. */
    JoinRules rules() {
        return joinRules.rules();
    }
}
