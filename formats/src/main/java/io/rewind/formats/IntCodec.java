package io.rewind.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/** {@link Integer}: an integral number (or a float with no fraction) in int range. */
enum IntCodec implements FieldCodec {
    INSTANCE;

    public String sqlName() {
        return "int";
    }

    public Object fromJson(String field, JsonNode v, boolean scalarsAsText, TimestampUnit unit) {
        long l = JsonTrees.integral(field, v, scalarsAsText);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new FieldException(field, "out of int range: " + l);
        }
        return (int) l;
    }

    public Object fromStream(JsonParser p, String field, TimestampUnit unit) throws IOException, UnsureValue {
        long l = JsonTokens.integral(p);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw UnsureValue.INSTANCE;
        }
        return (int) l;
    }

    public JsonNode toJson(Object v) {
        return JsonNodeFactory.instance.numberNode((Integer) v);
    }
}
