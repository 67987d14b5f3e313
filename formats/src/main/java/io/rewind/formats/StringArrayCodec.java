package io.rewind.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code String[]}: an array of strings, none null. */
enum StringArrayCodec implements FieldCodec {
    INSTANCE;

    public String sqlName() {
        return "array<string>";
    }

    public Object fromJson(String field, JsonNode v, boolean scalarsAsText, TimestampUnit unit) {
        ArrayNode a = JsonTrees.array(field, v);
        String[] out = new String[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = a.get(i);
            if (e == null || e.isNull()) {
                throw new FieldException(field, "element " + i + " is null");
            }
            out[i] = (String) StringCodec.INSTANCE.fromJson(field + "[" + i + "]", e, false, unit);
        }
        return out;
    }

    public Object fromStream(JsonParser p, String field, TimestampUnit unit) throws IOException, UnsureValue {
        JsonTokens.expect(p, JsonToken.START_ARRAY);
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(JsonTokens.string(p));
        }
        return out.toArray(new String[0]);
    }

    public JsonNode toJson(Object v) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (String s : (String[]) v) {
            a.add(s);
        }
        return a;
    }
}
