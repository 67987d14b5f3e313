package io.rewind.cli;

import io.rewind.jobs.join.MappedLog;
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

    /** The mapped log, its mapping first passed through {@code adjust}; null without --mapping. */
    MappedLog read(java.util.function.UnaryOperator<Mapping> adjust) {
        Mapping m = adjust.apply(mapping == null ? null : Mapping.read(mapping));
        return m == null ? null : new MappedLog(m, joinRules.rules());
    }

    /** The mapped log, its propensities as logged and mapped; null without --mapping. */
    MappedLog read() {
        return read(java.util.function.UnaryOperator.identity());
    }
}
