package io.rewind.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Reading values from a JSON token stream: anything not plainly right throws {@link UnsureValue}. */
final class JsonTokens {
    private JsonTokens() {
    }

    static void expect(JsonParser p, JsonToken t) throws UnsureValue {
        if (p.currentToken() != t) {
            throw UnsureValue.INSTANCE;
        }
    }

    static String string(JsonParser p) throws IOException, UnsureValue {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getBigIntegerValue().toString();
            default -> throw UnsureValue.INSTANCE;
        };
    }

    static long integral(JsonParser p) throws IOException, UnsureValue {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        throw UnsureValue.INSTANCE;
    }

    static double number(JsonParser p) throws IOException, UnsureValue {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        throw UnsureValue.INSTANCE;
    }
}
