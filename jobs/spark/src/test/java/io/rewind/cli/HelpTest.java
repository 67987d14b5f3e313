package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
            CommandLine cli = new CommandLine(new Rewind());
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
}
