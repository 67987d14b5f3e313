package io.rewind.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * What Rewind knows about one {@link FieldType} outside Spark and Flink: its name in the docs, and its Java value
 * to and from JSON, read from a tree (every value, with the error named) or from a token stream (the fast path).
 * One implementation per type; {@link FieldType#codec} gives it.
 */
public interface FieldCodec {
    /** How the type is written in the docs, in Spark SQL terms. */
    String sqlName();

    /**
     * The Java value of a non-null JSON value, or a {@link FieldException} naming {@code field}. With
     * {@code scalarsAsText} (CSV cells) numbers and booleans may come as text.
     */
    Object fromJson(String field, JsonNode v, boolean scalarsAsText, TimestampUnit unit);

    /**
     * The Java value at the parser's current (non-null) token, leaving the parser on the value's last token; throws
     * {@link UnsureValue} for anything not plainly right, so that {@link #fromJson} reads it and names the error.
     */
    Object fromStream(JsonParser p, String field, TimestampUnit unit) throws IOException, UnsureValue;

    JsonNode toJson(Object v);
}
