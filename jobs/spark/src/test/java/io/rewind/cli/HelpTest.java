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
            for (CommandLine sub : cli.getSubcommands().values()) {
                if (sub.getCommandName().equals("help")) {
                    continue;
                }
                String usage = sub.getUsageMessage(CommandLine.Help.Ansi.OFF);
                for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                    assertTrue(o.description().length > 0 && !o.description()[0].isBlank(),
                            sub.getCommandName() + " " + o.longestName() + " has no description");
                }
                assertTrue(usage.startsWith("Usage: rewind " + sub.getCommandName()), usage);
            }
            assertTrue(cli.getSubcommands().get("promote").getUsageMessage(CommandLine.Help.Ansi.OFF)
                    .contains("95%"));
        } finally {
            System.setErr(err);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8), "picocli printed warnings");
    }
}
