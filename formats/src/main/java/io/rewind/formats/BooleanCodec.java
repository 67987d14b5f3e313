package io.rewind.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/** {@link Boolean}: true or false (as text too in CSV cells). */
enum BooleanCodec implements FieldCodec {
    INSTANCE;

    public String sqlName() {
        return "boolean";
    }

    public Object fromJson(String field, JsonNode v, boolean scalarsAsText, TimestampUnit unit) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (scalarsAsText && v.isTextual() && (v.textValue().equalsIgnoreCase("true")
                || v.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(v.textValue());
        }
        throw new FieldException(field, "expected true or false, got " + JsonTrees.describe(v));
    }

    public Object fromStream(JsonParser p, String field, TimestampUnit unit) throws IOException, UnsureValue {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        throw UnsureValue.INSTANCE;
    }

    public JsonNode toJson(Object v) {
        return JsonNodeFactory.instance.booleanNode((Boolean) v);
    }
}
