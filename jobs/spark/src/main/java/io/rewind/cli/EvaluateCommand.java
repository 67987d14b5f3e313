package io.rewind.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code rewind evaluate}: one subcommand per kind of logged decision. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Estimate a target policy's value from logged data (off-policy evaluation), with intervals.")
public final class EvaluateCommand implements Subcommands.Parent {
    @Override
    public Subcommands subcommands() {
        return new Subcommands(List.of("bandit", "episodes", "slates"), name -> switch (name) {
            case "bandit" -> new EvaluateBanditCommand();
            case "episodes" -> new EvaluateEpisodesCommand();
            case "slates" -> new EvaluateSlatesCommand();
            default -> throw new IllegalArgumentException("no command evaluate " + name);
        });
    }
}
