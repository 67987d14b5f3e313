package io.rewind.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            values[i] = (v == null || v.isNull()) ? null : decodeValue(f.name(), f.type(), v, scalarsAsText,
                    schema.timestampUnit());
        }
        return values;
    }

    static Object decodeValue(String field, FieldType type, JsonNode v, boolean scalarsAsText) {
        return decodeValue(field, type, v, scalarsAsText, TimestampUnit.AUTO);
    }

    static Object decodeValue(String field, FieldType type, JsonNode v, boolean scalarsAsText, TimestampUnit unit) {
        switch (type) {
            case STRING:
                if (v.isTextual()) {
                    return v.textValue();
                }
                if (v.isIntegralNumber()) {
                    return v.bigIntegerValue().toString(); // 128-bit event ids as the seeds log them
                }
                throw new FieldException(field, "expected a string, got " + describe(v));
            case INT: {
                long l = integral(field, v, scalarsAsText);
                if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                    throw new FieldException(field, "out of int range: " + l);
                }
                return (int) l;
            }
            case LONG:
                return integral(field, v, scalarsAsText);
            case DOUBLE:
                return number(field, v, scalarsAsText);
            case BOOLEAN:
                if (v.isBoolean()) {
                    return v.booleanValue();
                }
                if (scalarsAsText && v.isTextual() && (v.textValue().equalsIgnoreCase("true")
                        || v.textValue().equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(v.textValue());
                }
                throw new FieldException(field, "expected true or false, got " + describe(v));
            case TIMESTAMP:
                if (v.isNumber()) {
                    return Timestamps.fromEpoch(field, v.doubleValue(), unit);
                }
                if (v.isTextual()) {
                    return Timestamps.parse(field, v.textValue(), unit);
                }
                throw new FieldException(field, "expected a timestamp, got " + describe(v));
            case DOUBLE_ARRAY:
                return doubleArray(field, v);
            case STRING_ARRAY: {
                ArrayNode a = array(field, v);
                String[] out = new String[a.size()];
                for (int i = 0; i < out.length; i++) {
                    JsonNode e = a.get(i);
                    if (e == null || e.isNull()) {
                        throw new FieldException(field, "element " + i + " is null");
                    }
                    out[i] = (String) decodeValue(field + "[" + i + "]", FieldType.STRING, e, false);
                }
                return out;
            }
            case SPARSE_VECTOR: {
                if (!v.isObject()) {
                    throw new FieldException(field, "expected an object of name: number, got " + describe(v));
                }
                Map<String, Double> out = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.put(e.getKey(), number(field + "." + e.getKey(), e.getValue(), false));
                }
                return out;
            }
            case CANDIDATES: {
                ArrayNode a = array(field, v);
                List<Candidate> out = new ArrayList<>(a.size());
                for (int i = 0; i < a.size(); i++) {
                    JsonNode c = a.get(i);
                    String at = field + "[" + i + "]";
                    if (c.isTextual() || c.isIntegralNumber()) {
                        out.add(new Candidate((String) decodeValue(at, FieldType.STRING, c, false), null));
                    } else if (c.isObject()) {
                        JsonNode id = c.get("id");
                        if (id == null || id.isNull()) {
                            throw new FieldException(at + ".id", "missing");
                        }
                        JsonNode feats = c.get("features");
                        out.add(new Candidate((String) decodeValue(at + ".id", FieldType.STRING, id, false),
                                feats == null || feats.isNull() ? null : doubleArray(at + ".features", feats)));
                    } else {
                        throw new FieldException(at, "expected {\"id\": ..., \"features\": [...]}, got " + describe(c));
                    }
                }
                return out;
            }
            default:
                throw new IllegalStateException(type.name());
        }
    }

    private static long integral(String field, JsonNode v, boolean scalarsAsText) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
                && Math.abs(v.doubleValue()) < 0x1p53) {
            return (long) v.doubleValue();
        }
        if (scalarsAsText && v.isTextual()) {
            try {
                return Long.parseLong(v.textValue().trim());
            } catch (NumberFormatException e) {
                try {
                    double d = Double.parseDouble(v.textValue().trim());
                    if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                        return (long) d;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
        }
        throw new FieldException(field, "expected an integer, got " + describe(v));
    }

    private static double number(String field, JsonNode v, boolean scalarsAsText) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (scalarsAsText && v.isTextual()) {
            try {
                return Double.parseDouble(v.textValue().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new FieldException(field, "expected a number, got " + describe(v));
    }

    private static ArrayNode array(String field, JsonNode v) {
        if (!v.isArray()) {
            throw new FieldException(field, "expected an array, got " + describe(v));
        }
        return (ArrayNode) v;
    }

    private static double[] doubleArray(String field, JsonNode v) {
        ArrayNode a = array(field, v);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = a.get(i);
            if (e == null || !e.isNumber()) {
                throw new FieldException(field, "element " + i + ": expected a number, got " + describe(e));
            }
            out[i] = e.doubleValue();
        }
        return out;
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        String text = v.toString();
        return v.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    /** One row as a JSON object; null fields are left out. */
    public static ObjectNode encode(TableSchema schema, Object[] values) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < schema.size(); i++) {
            if (values[i] != null) {
                o.set(schema.field(i).name(), encodeValue(schema.field(i).type(), values[i]));
            }
        }
        return o;
    }

    public static String encodeLine(TableSchema schema, Object[] values) {
        return encode(schema, values).toString();
    }

    @SuppressWarnings("unchecked")
    static JsonNode encodeValue(FieldType type, Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (type) {
            case STRING:
                return f.textNode((String) v);
            case INT:
                return f.numberNode((Integer) v);
            case LONG:
                return f.numberNode((Long) v);
            case DOUBLE:
                return f.numberNode((Double) v);
            case BOOLEAN:
                return f.booleanNode((Boolean) v);
            case TIMESTAMP:
                return f.textNode(Timestamps.format((Instant) v));
            case DOUBLE_ARRAY: {
                ArrayNode a = f.arrayNode();
                for (double d : (double[]) v) {
                    a.add(d);
                }
                return a;
            }
            case STRING_ARRAY: {
                ArrayNode a = f.arrayNode();
                for (String s : (String[]) v) {
                    a.add(s);
                }
                return a;
            }
            case SPARSE_VECTOR: {
                ObjectNode o = f.objectNode();
                ((Map<String, Double>) v).forEach(o::put);
                return o;
            }
            case CANDIDATES: {
                ArrayNode a = f.arrayNode();
                for (Candidate c : (List<Candidate>) v) {
                    ObjectNode o = a.addObject();
                    o.put("id", c.id());
                    if (c.features() != null) {
                        o.set("features", encodeValue(FieldType.DOUBLE_ARRAY, c.features()));
                    }
                }
                return a;
            }
            default:
                throw new IllegalStateException(type.name());
        }
    }
}
