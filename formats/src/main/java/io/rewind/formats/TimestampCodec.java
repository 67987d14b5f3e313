package io.rewind.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Instant;

/** {@link Instant}, microsecond precision: ISO-8601 text or an epoch number in the table's {@link TimestampUnit}. */
enum TimestampCodec implements FieldCodec {
    INSTANCE;

    public String sqlName() {
        return "timestamp";
    }

    public Object fromJson(String field, JsonNode v, boolean scalarsAsText, TimestampUnit unit) {
        if (v.isNumber()) {
            return Timestamps.fromEpoch(field, v.doubleValue(), unit);
        }
        if (v.isTextual()) {
            return Timestamps.parse(field, v.textValue(), unit);
        }
        throw new FieldException(field, "expected a timestamp, got " + JsonTrees.describe(v));
    }

    public Object fromStream(JsonParser p, String field, TimestampUnit unit) throws IOException, UnsureValue {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return Timestamps.parse(field, p.getText(), unit);
        }
        return Timestamps.fromEpoch(field, JsonTokens.number(p), unit);
    }

    public JsonNode toJson(Object v) {
        return JsonNodeFactory.instance.textNode(Timestamps.format((Instant) v));
    }
}
