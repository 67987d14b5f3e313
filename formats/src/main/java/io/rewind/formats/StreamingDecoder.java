package io.rewind.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a well-formed JSON line token by token, without building a tree (a third of the cost, as measured in the
 * Flink collector). It returns the values {@link JsonCodec#decodeTree} would, or null as soon as anything is not
 * plainly right (malformed JSON, a wrong type, an out-of-range number, a bad timestamp): the tree decoder then
 * decodes the line again and reports the error, so there is one place for messages.
 */
final class StreamingDecoder {
    private static final JsonFactory FACTORY = Json.factory();

    private StreamingDecoder() {
    }

    /** Thrown inside the decoder to give the line to the tree decoder. */
    private static final class Unsure extends Exception {
        private static final Unsure INSTANCE = new Unsure();

        private Unsure() {
            super(null, null, false, false);
        }
    }

    static Object[] decode(TableSchema schema, String line) {
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Object[] values = new Object[schema.size()];
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!schema.has(name)) {
                    p.skipChildren();
                    continue;
                }
                int i = schema.indexOf(name);
                values[i] = p.currentToken() == JsonToken.VALUE_NULL ? null
                        : value(p, schema.field(i), schema.timestampUnit());
            }
            return t == JsonToken.END_OBJECT ? values : null;
        } catch (IOException | Unsure | RuntimeException e) {
            // malformed JSON, a value not plainly right, a bad timestamp (FieldException): the tree decoder's turn
            return null;
        }
    }

    private static Object value(JsonParser p, Field f, TimestampUnit unit) throws IOException, Unsure {
        JsonToken t = p.currentToken();
        switch (f.type()) {
            case STRING:
                return string(p);
            case INT: {
                long l = integral(p);
                if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                    throw Unsure.INSTANCE;
                }
                return (int) l;
            }
            case LONG:
                return integral(p);
            case DOUBLE:
                return number(p);
            case BOOLEAN:
                if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                    return t == JsonToken.VALUE_TRUE;
                }
                throw Unsure.INSTANCE;
            case TIMESTAMP:
                if (t == JsonToken.VALUE_STRING) {
                    return Timestamps.parse(f.name(), p.getText(), unit);
                }
                return Timestamps.fromEpoch(f.name(), number(p), unit);
            case DOUBLE_ARRAY:
                return doubles(p);
            case STRING_ARRAY: {
                expect(p, JsonToken.START_ARRAY);
                List<String> out = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    out.add(string(p));
                }
                return out.toArray(new String[0]);
            }
            case SPARSE_VECTOR: {
                expect(p, JsonToken.START_OBJECT);
                Map<String, Double> out = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    out.put(name, number(p));
                }
                return out;
            }
            case CANDIDATES: {
                expect(p, JsonToken.START_ARRAY);
                List<Candidate> out = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    out.add(candidate(p));
                }
                return out;
            }
            default:
                throw Unsure.INSTANCE;
        }
    }

    private static Candidate candidate(JsonParser p) throws IOException, Unsure {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return new Candidate(string(p), null);
        }
        String id = null;
        double[] features = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (name.equals("id")) {
                id = t == JsonToken.VALUE_NULL ? null : string(p);
            } else if (name.equals("features")) {
                features = t == JsonToken.VALUE_NULL ? null : doubles(p);
            } else {
                p.skipChildren();
            }
        }
        if (id == null) {
            throw Unsure.INSTANCE;
        }
        return new Candidate(id, features);
    }

    private static void expect(JsonParser p, JsonToken t) throws Unsure {
        if (p.currentToken() != t) {
            throw Unsure.INSTANCE;
        }
    }

    private static String string(JsonParser p) throws IOException, Unsure {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getBigIntegerValue().toString();
            default -> throw Unsure.INSTANCE;
        };
    }

    private static long integral(JsonParser p) throws IOException, Unsure {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        throw Unsure.INSTANCE;
    }

    private static double number(JsonParser p) throws IOException, Unsure {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        throw Unsure.INSTANCE;
    }

    private static double[] doubles(JsonParser p) throws IOException, Unsure {
        expect(p, JsonToken.START_ARRAY);
        double[] out = new double[8];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            out[n++] = number(p);
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }
}
