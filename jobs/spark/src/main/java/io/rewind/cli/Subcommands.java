package io.rewind.cli;

import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The commands under a command, each built only when the command line names it. picocli reads every option of
 * every command it is given, loading their classes and their options' types, so a run of one command builds only
 * that command, and help (or a name it does not know) builds them all. {@code create} returns a new instance of the
 * command of that name (a {@code switch}: naming a command's class elsewhere would load it).
 */
record Subcommands(List<String> names, Function<String, Object> create) {

    /** A command whose subcommands are built by {@link Subcommands}. */
    interface Parent {
        Subcommands subcommands();
    }

    /** {@code command} with the subcommands {@code args} name, or all of them for {@code args} null. */
    static CommandLine build(Object command, List<String> args) {
        CommandLine cli = new CommandLine(command);
        if (command instanceof Parent p) {
            p.subcommands().addTo(cli, args);
        }
        return cli;
    }

    /**
     * Adds to {@code parent} the subcommand named by the first of {@code args} that is neither one of
     * {@code parent}'s options nor an option's value, given the arguments after it; or, when that is not one of
     * {@link #names}, or {@code args} is null, every subcommand with all of theirs.
     */
    void addTo(CommandLine parent, List<String> args) {
        int at = args == null ? -1 : firstPositional(parent.getCommandSpec(), args);
        if (at >= 0 && names.contains(args.get(at))) {
            parent.addSubcommand(build(create.apply(args.get(at)), args.subList(at + 1, args.size())));
            return;
        }
        for (String name : names) {
            parent.addSubcommand(build(create.apply(name), null));
        }
    }

    private static int firstPositional(CommandLine.Model.CommandSpec spec, List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-")) {
                return i;
            }
            CommandLine.Model.OptionSpec option = spec.findOption(a);
            if (option != null && option.arity().max() > 0) {
                i++; // its value, as a separate argument (--status-file PATH)
            }
        }
        return -1;
    }
}
