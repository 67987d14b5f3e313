package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing local inputs, files that are not models and bad learner specs fail with exit 2 before any data is read. */
class LocalInputsTest {
    @TempDir
    Path dir;

    /** Runs a command line; returns its exit code and what it printed on stderr. */
    static String[] run(String... args) {
        return CommandLines.run(args);
    }

    @Test
    void badInputsAreNamedBeforeSparkReadsAnything() throws Exception {
        Path data = Files.createDirectories(dir.resolve("interactions"));
        String[] missingModel = run("evaluate", "bandit", "--data", data.toString(), "--target-model",
                dir.resolve("models/none.json").toString());
        assertEquals("2", missingModel[0], missingModel[1]);
        assertTrue(missingModel[1].contains("target-model: no such file or folder: " + dir.resolve("models/none.json")),
                missingModel[1]);

        Path notAModel = Files.writeString(dir.resolve("notes.json"), "{\"hello\": 1}");
        String[] wrong = run("transform", "--model", notAModel.toString(), "--input", data.toString(), "--output",
                dir.resolve("out").toString());
        assertEquals("2", wrong[0], wrong[1]);
        assertTrue(wrong[1].contains("--model " + notAModel + " is not a Rewind model"), wrong[1]);

        String[] missingData = run("train-bandit", "--data", dir.resolve("nothing").toString(), "--model",
                dir.resolve("m.json").toString());
        assertEquals("2", missingData[0], missingData[1]);
        assertTrue(missingData[1].contains("data: no such file or folder"), missingData[1]);

        String[] bogus = run("train-bandit", "--data", data.toString(), "--learner", "bogus", "--model",
                dir.resolve("m.json").toString());
        assertEquals("2", bogus[0], bogus[1]);
        assertTrue(bogus[1].contains("unknown learner 'bogus'"), bogus[1]);
        assertTrue(!bogus[1].contains("\tat "), "one line, no stack trace: " + bogus[1]);

        // an output under a file (UnwritableOutputIT mounts a read-only folder, which the same check refuses)
        String under = notAModel.resolve("interactions").toString();
        String[] blocked = run("join", "--decisions", data.toString(), "--rewards", data.toString(), "--output", under);
        assertEquals("2", blocked[0], blocked[1]);
        assertTrue(blocked[1].contains("cannot use " + under + ": the file system refuses it"), blocked[1]);
    }
}
