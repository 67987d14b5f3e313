package io.rewind.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/** {@link String}; a JSON integer is taken as its digits (128-bit event ids, as the seeds log them). */
enum StringCodec implements FieldCodec {
    INSTANCE;

    public String sqlName() {
        return "string";
    }

    public Object fromJson(String field, JsonNode v, boolean scalarsAsText, TimestampUnit unit) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        throw new FieldException(field, "expected a string, got " + JsonTrees.describe(v));
    }

    public Object fromStream(JsonParser p, String field, TimestampUnit unit) throws IOException, UnsureValue {
        return JsonTokens.string(p);
    }

    public JsonNode toJson(Object v) {
        return JsonNodeFactory.instance.textNode((String) v);
    }
}
