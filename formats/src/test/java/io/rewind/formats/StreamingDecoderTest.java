package io.rewind.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streaming decoder gives the tree decoder's values on every line it takes, and leaves every line it cannot
 * decode exactly (errors above all) to the tree decoder, which then reports what it always reported.
 */
class StreamingDecoderTest {
    static final Path GOLDEN = Path.of("src", "test", "resources", "join-golden");

    /** Lines of decisions or rewards that decode: written by the encoder, the golden log's, and odd spellings. */
    static List<String> good(TableSchema t) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Object[] row : SampleRows.of(t)) {
            lines.add(JsonCodec.encodeLine(t, row));
        }
        String d = "\"timestamp\":\"2026-05-01T10:15:30.5Z\",\"actions\":[{\"id\":\"a\",\"features\":[1,2.5e-3]},"
                + "\"b\",7,{\"id\":12345678901234567890123,\"features\":null,\"extra\":{\"x\":[1]}}],\"action\":\"b\","
                + "\"action_prob\":1";
        if (t == Tables.DECISIONS) {
            lines.add("{\"event_id\":\"e1\"," + d + "}");
            lines.add("{ \"event_id\" : 123456789012345678901234567890 , " + d + " , \"unknown\":[{\"a\":null}]} ");
            lines.add("{\"event_id\":\"e\\u00e9\\n\"," + d + ",\"context\":[NaN,-Infinity,1E300,-0.0,3],"
                    + "\"context_sparse\":{\"b\":1,\"a\":2,\"b\":3},\"slate\":[\"x\",42],\"slot_probs\":null}");
            lines.add("{\"event_id\":\"dup\",\"action\":\"zzz\"," + d + ",\"timestamp\":1777630530.25}");
            lines.add("{\"event_id\":\"e\"," + d + "} trailing words");
            lines.add("{\"event_id\":\"e\"," + d + ",\"context\":[]}");
        }
        for (String file : List.of("decisions.jsonl", "rewards.jsonl")) {
            if (file.startsWith(t.name())) {
                lines.addAll(Files.readAllLines(GOLDEN.resolve(file)));
            }
        }
        return lines;
    }

    /** Lines the tree decoder rejects or decodes by its slower rules (floats as integers, and so on). */
    static List<String> hard() {
        String d = "\"timestamp\":\"2026-05-01T10:15:30Z\",\"actions\":[\"a\"],\"action\":\"a\",\"action_prob\":1";
        return List.of("", "null", "[1,2]", "{\"event_id\":\"e\",", "{\"event_id\":\"e\"," + d + ",\"context\":[1,",
                "{\"event_id\":\"e\"," + d + ",\"context\":[1,null]}",
                "{\"event_id\":\"e\"," + d + ",\"context\":{\"a\":1}}",
                "{\"event_id\":1.5," + d + "}",
                "{\"event_id\":\"e\",\"timestamp\":\"soon\",\"actions\":[\"a\"],\"action\":\"a\",\"action_prob\":1}",
                "{\"event_id\":\"e\",\"timestamp\":true,\"actions\":[\"a\"],\"action\":\"a\",\"action_prob\":1}",
                "{\"event_id\":\"e\"," + d + ",\"actions\":[{\"features\":[1]}]}",
                "{\"event_id\":\"e\"," + d + ",\"actions\":[{\"id\":null}]}",
                "{\"event_id\":\"e\"," + d + ",\"actions\":[true]}",
                "{\"event_id\":\"e\"," + d + ",\"slate\":[\"a\",null]}",
                "{\"event_id\":\"e\"," + d + ",\"action_prob\":\"0.5\"}",
                "{\"event_id\":\"e\"," + d + ",\"context_sparse\":{\"a\":\"x\"}}",
                "{\"event_id\":\"e\"," + d + ",\"action\":{\"id\":\"a\"},\"action\":\"a\"}",
                "{\"event_id\":\"e\",\"timestamp\":\"2026-05-01T10:15:30Z\",\"reward\":1,\"click_position\":2.0}",
                "{\"event_id\":\"e\",\"timestamp\":\"2026-05-01T10:15:30Z\",\"reward\":1,"
                        + "\"click_position\":3000000000}",
                "{\"event_id\":\"e\",\"timestamp\":\"2026-05-01T10:15:30Z\",\"reward\":true}");
    }

    static Object outcome(TableSchema t, String line, boolean tree) {
        try {
            return tree ? JsonCodec.decodeTree(t, line) : JsonCodec.decodeLine(t, line);
        } catch (FieldException e) {
            return e.getMessage();
        }
    }

    @Test
    void theStreamingDecoderTakesPlainLinesAndDecodesThemAsTheTreeDoes() throws Exception {
        for (TableSchema t : List.of(Tables.DECISIONS, Tables.REWARDS)) {
            for (String line : good(t)) {
                Object[] streamed = StreamingDecoder.decode(t, line);
                Object tree = outcome(t, line, true);
                if (tree instanceof String error) {
                    assertNull(streamed, "a line the tree decoder rejects (" + error + ") is left to it: " + line);
                    continue;
                }
                assertNotNull(streamed, "decoded without the tree: " + line);
                assertArrayEquals((Object[]) tree, streamed, line);
            }
        }
    }

    @Test
    void everyOtherLineGoesToTheTreeDecoderAndGetsItsAnswer() {
        for (TableSchema t : List.of(Tables.DECISIONS, Tables.REWARDS)) {
            for (String line : hard()) {
                Object viaTree = outcome(t, line, true);
                Object viaLine = outcome(t, line, false);
                if (viaTree instanceof Object[] values) {
                    assertArrayEquals(values, (Object[]) viaLine, line);
                } else {
                    assertEquals(viaTree, viaLine, line);
                }
            }
        }
        assertNull(StreamingDecoder.decode(Tables.DECISIONS, "{\"event_id\":1.5,\"action\":\"a\"}"),
                "a float id is the tree's to judge");
        assertEquals(2L, ((Object[]) outcome(Tables.REWARDS, "{\"event_id\":\"e\",\"timestamp\":"
                + "\"2026-05-01T10:15:30Z\",\"reward\":1,\"click_position\":2.0}", false))[4] instanceof Integer i
                ? (long) i : -1L, "an integral float is an int, as the tree decodes it");
    }
}
