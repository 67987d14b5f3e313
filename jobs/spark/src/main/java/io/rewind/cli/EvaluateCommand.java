package io.rewind.cli;

import picocli.CommandLine.Command;

/** {@code rewind evaluate}: one subcommand per kind of logged decision. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Estimate a target policy's value from logged data (off-policy evaluation), with intervals.",
        subcommands = {EvaluateBanditCommand.class, EvaluateEpisodesCommand.class, EvaluateSlatesCommand.class})
public final class EvaluateCommand {
}
