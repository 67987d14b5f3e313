package io.rewind.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/** {@code double[]}: an array of numbers. */
enum DoubleArrayCodec implements FieldCodec {
    INSTANCE;

    public String sqlName() {
        return "array<double>";
    }

    public Object fromJson(String field, JsonNode v, boolean scalarsAsText, TimestampUnit unit) {
        ArrayNode a = JsonTrees.array(field, v);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = a.get(i);
            if (e == null || !e.isNumber()) {
                throw new FieldException(field, "element " + i + ": expected a number, got " + JsonTrees.describe(e));
            }
            out[i] = e.doubleValue();
        }
        return out;
    }

    public Object fromStream(JsonParser p, String field, TimestampUnit unit) throws IOException, UnsureValue {
        JsonTokens.expect(p, JsonToken.START_ARRAY);
        double[] out = new double[8];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            out[n++] = JsonTokens.number(p);
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    public JsonNode toJson(Object v) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (double d : (double[]) v) {
            a.add(d);
        }
        return a;
    }
}
