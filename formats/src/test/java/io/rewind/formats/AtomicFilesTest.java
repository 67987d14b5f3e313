package io.rewind.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file or folder is replaced whole or not at all, and nothing hidden is left beside it. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFileIsReplacedWhole() throws Exception {
        Path f = dir.resolve("model.json");
        AtomicFiles.writeString(f, "old");
        AtomicFiles.writeString(f, "new");
        assertEquals("new", Files.readString(f));
        assertEquals(List.of("model.json"), names());
    }

    @Test
    void aFolderWhoseWriterFailsStaysAsItWas() throws Exception {
        Path policy = dir.resolve("policy");
        AtomicFiles.replaceFolder(policy, d -> {
            Files.writeString(d.resolve("q.params"), "old q");
            Files.writeString(d.resolve("policy.json"), "old");
        });
        assertThrows(IOException.class, () -> AtomicFiles.replaceFolder(policy, d -> {
            Files.writeString(d.resolve("q.params"), "new q");
            throw new IOException("killed halfway");
        }));
        assertEquals("old q", Files.readString(policy.resolve("q.params")));
        assertEquals("old", Files.readString(policy.resolve("policy.json")));
        assertEquals(List.of("policy"), names(), "nothing left beside it");
        AtomicFiles.replaceFolder(policy, d -> Files.writeString(d.resolve("policy.json"), "new"));
        try (Stream<Path> s = Files.list(policy)) {
            assertEquals(List.of("policy.json"), s.map(p -> p.getFileName().toString()).toList(), "no old file");
        }
        assertEquals(List.of("policy"), names());
    }
}
