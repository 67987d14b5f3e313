package io.rewind.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/** {@link Long}: an integral number (or a float with no fraction below 2^53). */
enum LongCodec implements FieldCodec {
    INSTANCE;

    public String sqlName() {
        return "bigint";
    }

    public Object fromJson(String field, JsonNode v, boolean scalarsAsText, TimestampUnit unit) {
        return JsonTrees.integral(field, v, scalarsAsText);
    }

    public Object fromStream(JsonParser p, String field, TimestampUnit unit) throws IOException, UnsureValue {
        return JsonTokens.integral(p);
    }

    public JsonNode toJson(Object v) {
        return JsonNodeFactory.instance.numberNode((Long) v);
    }
}
