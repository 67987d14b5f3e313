package io.rewind.cli;

import static io.rewind.cli.ImportCommandTest.importWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A mapping that cannot work, made from the README's example (data/examples/own-logs) by one replacement, is refused
 * before any row is read, with its file, line and key, and nothing is written.
 */
class MappingRefusalTest {
    @TempDir
    Path dir;
    Path mapping;

    @BeforeEach
    void copyExample() throws IOException {
        mapping = ImportCommandTest.copyExample(dir);
    }

    @Test
    void aMissingColumnIsNamedWithItsMappingLine() throws IOException {
        String[] r = importWith(mapping, "action: {column: item_shown}", "action: {column: item_id}",
                dir.resolve("out"));
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("mapping.yaml line 26 (decisions.action.column): no column item_id in csv "),
                r[1]);
        assertTrue(r[1].contains("its columns are impression_id, shown_at, user, age, device, item_shown,"
                + " propensity, clicked"), r[1]);
        assertFalse(r[1].contains("\tat "), r[1]);
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    /** A mapping that cannot work, made from the example's by one replacement, and what the refusal must say. */
    static Stream<Arguments> refusedMappings() {
        return Stream.of(
                Arguments.of("  action_prob: {column: propensity}\n", "",
                        "line 15 (decisions): action_prob is required in decisions and not mapped"),
                Arguments.of("  user_id: {column: user}\n", "  user_id: {column: user}\n  user_id: {column: age}\n",
                        "mapping.yaml line 20 (decisions): Duplicate field 'user_id'"),
                Arguments.of("model_id: {constant: homepage-v3}", "model_id: {constant: homepage-v3, column: user}",
                        "line 18 (decisions.model_id): is mapped 2 ways"),
                Arguments.of("action_prob: {column: propensity}", "action_prob: {constant: often}",
                        "line 27 (decisions.action_prob.constant): 'often' is not a double"),
                Arguments.of("action_prob:", "action_probability:", "line 27 (decisions.action_probability):"
                        + " decisions has no field action_probability; its fields are event_id"),
                Arguments.of("event_id: {column: impression_id}", "event_id: {colum: impression_id}",
                        "line 16 (decisions.event_id.colum): unknown key colum; the keys here are catalogue,"
                                + " catalogue_ids, categories, column"),
                Arguments.of("zone: Europe/Paris}\n  model_id", "zone: Europe/Pariss}\n  model_id",
                        "line 17 (decisions.timestamp.zone): not a time zone"));
    }

    @ParameterizedTest
    @MethodSource("refusedMappings")
    void aMappingThatCannotWorkIsRefusedWithItsLine(String from, String to, String message) throws IOException {
        String[] r = importWith(mapping, from, to, dir.resolve("out"));
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains(message), r[1]);
        assertFalse(r[1].contains("\tat "), r[1]);
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    @Test
    void aCatalogueWithARepeatedIdIsRefused() throws IOException {
        Files.writeString(mapping.resolveSibling("items.csv"), "item-03,1.0,news\n",
                java.nio.file.StandardOpenOption.APPEND);
        String[] r = ImportCommandTest.run("import", "--mapping", mapping.toString(), "--output",
                dir.resolve("out").toString());
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("mapping.yaml line 10 (catalogue.key): item_id is not unique: 9 items, 8 ids"), r[1]);
    }
}
