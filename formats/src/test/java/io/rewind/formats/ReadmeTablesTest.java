package io.rewind.formats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's field lists are the schemas' own: a field added in code must be documented. */
class ReadmeTablesTest {
    @Test
    void readmeListsEveryFieldOfEveryTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (TableSchema t : Tables.all()) {
            assertTrue(readme.contains("### " + t.name() + "\n\n" + t.toMarkdown()),
                    "README.md is missing the current field list of " + t.name() + ":\n" + t.toMarkdown());
        }
        assertTrue(readme.contains(new TableSchema("q", Tables.QUARANTINE_FIELDS).toMarkdown()));
    }
}
