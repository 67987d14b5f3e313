package io.rewind.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rows of a {@link TableSchema} to and from JSON objects (one per line in jsonlines files). Decoding checks types
 * only and names the field at fault; the table's rules are {@link Validator}'s job. Unknown keys are ignored.
 */
public final class JsonCodec {
    private JsonCodec() {
    }

    /** Parses one line; a line that is not a JSON object fails with a {@link FieldException} on field "line". */
    public static Object[] decodeLine(TableSchema schema, String line) {
        Object[] values = StreamingDecoder.decode(schema, line);
        return values != null ? values : decodeTree(schema, line);
    }

    /**
     * {@link #decodeLine} through a Jackson tree: slower than {@link StreamingDecoder}, which hands every line it
     * is not sure of (and every bad one) to this, so errors are reported in one place.
     */
    static Object[] decodeTree(TableSchema schema, String line) {
        JsonNode node;
        try {
            node = Json.READER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new FieldException("line", "malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new FieldException("line", "expected a JSON object, got "
                    + (node == null ? "nothing" : node.getNodeType()));
        }
        return decode(schema, node, false);
    }

    /**
     * Decodes an object's fields in schema order. With {@code scalarsAsText} (CSV cells) numbers and booleans may
     * come as text.
     */
    public static Object[] decode(TableSchema schema, JsonNode object, boolean scalarsAsText) {
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            Field f = schema.field(i);
            JsonNode v = object.get(f.name());
            values[i] = (v == null || v.isNull()) ? null : f.type().codec().fromJson(f.name(), v, scalarsAsText,
                    schema.timestampUnit());
        }
        return values;
    }

    /** One row as a JSON object; null fields are left out. */
    public static ObjectNode encode(TableSchema schema, Object[] values) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < schema.size(); i++) {
            if (values[i] != null) {
                o.set(schema.field(i).name(), schema.field(i).type().codec().toJson(values[i]));
            }
        }
        return o;
    }

    public static String encodeLine(TableSchema schema, Object[] values) {
        return encode(schema, values).toString();
    }
}
