package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CI runs the README's test command: the one line of the README's first block that starts with mvn. */
class CiCommandTest {
    static final Path ROOT = Path.of("..", "..");

    @Test
    void ciRunsTheReadmesTestCommand() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String firstBlock = readme.substring(readme.indexOf("```bash\n") + 8, readme.indexOf("```", readme
                .indexOf("```bash\n") + 8));
        List<String> mvn = firstBlock.lines().filter(l -> l.startsWith("mvn ")).map(CiCommandTest::command).toList();
        assertEquals(1, mvn.size(), "one test command in the README's first block: " + firstBlock);
        List<String> script = Files.readAllLines(ROOT.resolve(".ci/run")).stream().map(CiCommandTest::command)
                .filter(l -> !l.isEmpty()).toList();
        assertEquals(mvn.get(0), script.get(script.size() - 1), ".ci/run's last command");
        assertTrue(script.stream().filter(l -> l.startsWith("mvn")).count() == 1, "and its only Maven run");
    }

    /** The line without its comment and surrounding blanks. */
    static String command(String line) {
        int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).strip();
    }
}
