package io.rewind.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rewind's one JSON configuration (NaN and Infinity allowed, as logs carry them), handed out only as immutable
 * readers and writers: the mapper itself stays private, so no caller can reconfigure it for everyone.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    public static final ObjectReader READER = MAPPER.reader();
    public static final ObjectWriter WRITER = MAPPER.writer();
    public static final ObjectWriter PRETTY = MAPPER.writer(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** The parser factory behind {@link #READER}, for streaming reads. */
    public static JsonFactory factory() {
        return READER.getFactory();
    }

    /** A new mapper with Rewind's configuration, for a caller that needs its own settings on top. */
    public static ObjectMapper newMapper() {
        return MAPPER.copy();
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /**
     * A JSON object of these key-value pairs, in order, escaped by Jackson: {@code objectOf("path", p)}. Values are
     * anything Jackson writes (strings, numbers, lists, maps, null).
     */
    public static String objectOf(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("object(key, value, ...) needs pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return write(m);
    }

    public static JsonNode tree(String json) throws JsonProcessingException {
        return READER.readTree(json);
    }

    public static JsonNode tree(Path file) throws IOException {
        return READER.readTree(Files.readString(file));
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static <T> T read(String json, Class<T> type) throws JsonProcessingException {
        return READER.forType(type).readValue(json);
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        return READER.forType(type).readValue(file.toFile());
    }

    /** Jackson's text of a value; only a value Jackson cannot serialise fails, unchecked. */
    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
