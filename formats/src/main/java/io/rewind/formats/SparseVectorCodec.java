package io.rewind.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code Map<String, Double>}: named sparse features, a JSON object of name: number. */
enum SparseVectorCodec implements FieldCodec {
    INSTANCE;

    public String sqlName() {
        return "map<string,double>";
    }

    public Object fromJson(String field, JsonNode v, boolean scalarsAsText, TimestampUnit unit) {
        if (!v.isObject()) {
            throw new FieldException(field, "expected an object of name: number, got " + JsonTrees.describe(v));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), JsonTrees.number(field + "." + e.getKey(), e.getValue(), false));
        }
        return out;
    }

    public Object fromStream(JsonParser p, String field, TimestampUnit unit) throws IOException, UnsureValue {
        JsonTokens.expect(p, JsonToken.START_OBJECT);
        Map<String, Double> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            out.put(name, JsonTokens.number(p));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public JsonNode toJson(Object v) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ((Map<String, Double>) v).forEach(o::put);
        return o;
    }
}
