package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewind.formats.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --status-file}: how a command ended, whether it succeeded, failed on its input, or was called wrongly. */
class StatusFileTest {
    @TempDir
    Path dir;

    JsonNode status(Path f) throws Exception {
        return Json.tree(f);
    }

    @Test
    void aSucceededCommandWritesItsExitCodeAndSummary() throws Exception {
        Path f = dir.resolve("status/simulate.json");
        assertEquals(0, Rewind.execute("simulate", "--rows", "300", "--output", dir.resolve("logs").toString(),
                "--status-file", f.toString()));
        JsonNode s = status(f);
        assertEquals("rewind simulate", s.get("command").asText());
        assertEquals(0, s.get("exit_code").asInt());
        assertEquals("SUCCEEDED", s.get("status").asText());
        assertEquals(300, s.get("summary").get("decisions").asInt(), s.toString());
        assertEquals(0, Rewind.execute("status", f.toString()));
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left beside it");
        }
    }

    @Test
    void aFailedCommandReplacesAnEarlierStatusWithItsMessage() throws Exception {
        Path f = dir.resolve("join.json");
        Files.writeString(f, "{\"status\": \"SUCCEEDED\"}");
        int code = Rewind.execute("--status-file", f.toString(), "join", "--decisions",
                dir.resolve("nothing-here").toString(), "--rewards", dir.toString(), "--output",
                dir.resolve("out").toString());
        assertEquals(Rewind.EXIT_BAD_INPUT, code);
        JsonNode s = status(f);
        assertEquals("FAILED", s.get("status").asText());
        assertEquals(Rewind.EXIT_BAD_INPUT, s.get("exit_code").asInt());
        assertTrue(s.get("message").asText().contains("nothing-here"), s.toString());
        assertTrue(s.get("summary") == null, "no summary for a job that did not run");
        assertEquals(Rewind.EXIT_BAD_INPUT, Rewind.execute("status", f.toString()), "status exits with its code");
        assertEquals(1, Rewind.execute("status", dir.resolve("never-written.json").toString()));
    }

    @Test
    void aUsageErrorIsAFailureWithPicocliMessage() throws Exception {
        Path f = dir.resolve("usage.json");
        assertEquals(2, Rewind.execute("join", "--status-file", f.toString(), "--decisions", "d", "--rewards", "r",
                "--output", "o", "--bogus"));
        JsonNode s = status(f);
        assertEquals("rewind join", s.get("command").asText());
        assertEquals("FAILED", s.get("status").asText());
        assertTrue(s.get("message").asText().contains("--bogus"), s.toString());
    }
}
