package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's --help prints its usage and nothing else (no picocli warnings, as an unescaped % in a text gives),
 * and every option says what it does.
 */
class HelpTest {
    @Test
    void everyCommandsHelpIsCleanAndShowsThePercentSign() {
        PrintStream err = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = Rewind.commandLine(new Rewind(), null);
            java.util.Deque<CommandLine> todo = new java.util.ArrayDeque<>(cli.getSubcommands().values());
            int checked = 0;
            while (!todo.isEmpty()) {
                CommandLine sub = todo.pop();
                if (sub.getCommandName().equals("help")) {
                    continue;
                }
                todo.addAll(sub.getSubcommands().values());
                String usage = sub.getUsageMessage(CommandLine.Help.Ansi.OFF);
                String name = sub.getCommandSpec().qualifiedName();
                for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                    assertTrue(o.description().length > 0 && !o.description()[0].isBlank(),
                            name + " " + o.longestName() + " has no description");
                }
                assertTrue(usage.startsWith("Usage: " + name), usage);
                checked++;
            }
            assertTrue(checked > cli.getSubcommands().size(), "subcommands of subcommands were checked too");
            assertTrue(cli.getSubcommands().get("promote").getUsageMessage(CommandLine.Help.Ansi.OFF)
                    .contains("95%"));
        } finally {
            System.setErr(err);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8), "picocli printed warnings");
    }

    /**
     * A command line that names a command builds that command alone (its name in the list agrees with its class's),
     * and one that names none builds them all, as help needs.
     */
    @Test
    void onlyTheNamedCommandIsBuilt() {
        Rewind root = new Rewind();
        List<String> all = root.subcommands().names();
        for (String name : all) {
            CommandLine cli = Rewind.commandLine(new Rewind(), List.of("--status-file", "s.json", name, "--help"));
            assertEquals(List.of(name, "help"), List.copyOf(cli.getSubcommands().keySet()), name);
        }
        CommandLine bandit = Rewind.commandLine(new Rewind(), List.of("evaluate", "bandit", "--data", "x"));
        CommandLine evaluate = bandit.getSubcommands().get("evaluate");
        assertEquals(List.of("bandit"), List.copyOf(evaluate.getSubcommands().keySet()));
        List<String> everything = new java.util.ArrayList<>(all);
        everything.add("help");
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("help", "join"),
                List.of("no-such-command"))) {
            CommandLine cli = Rewind.commandLine(new Rewind(), args);
            assertEquals(everything, List.copyOf(cli.getSubcommands().keySet()), args.toString());
            assertEquals(3, cli.getSubcommands().get("evaluate").getSubcommands().size(), args.toString());
        }
    }
}
