package io.rewind.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/** {@link Double}: any JSON number (NaN and Infinity included; the table's rules judge them). */
enum DoubleCodec implements FieldCodec {
    INSTANCE;

    public String sqlName() {
        return "double";
    }

    public Object fromJson(String field, JsonNode v, boolean scalarsAsText, TimestampUnit unit) {
        return JsonTrees.number(field, v, scalarsAsText);
    }

    public Object fromStream(JsonParser p, String field, TimestampUnit unit) throws IOException, UnsureValue {
        return JsonTokens.number(p);
    }

    public JsonNode toJson(Object v) {
        return JsonNodeFactory.instance.numberNode((Double) v);
    }
}
