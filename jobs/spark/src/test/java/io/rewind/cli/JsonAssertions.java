package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

/** JSON compared as the tests need it. */
final class JsonAssertions {
    private JsonAssertions() {
    }

    /** Two JSON trees alike but for floating-point sums taken in another order (relative 1e-9). */
    static void assertSameNumbers(JsonNode a, JsonNode b, String where) {
        if (a.isNumber() && b.isNumber()) {
            assertEquals(a.asDouble(), b.asDouble(), 1e-9 * Math.max(1, Math.abs(a.asDouble())), where);
        } else if (a.isArray()) {
            assertEquals(a.size(), b.size(), where);
            for (int i = 0; i < a.size(); i++) {
                assertSameNumbers(a.get(i), b.path(i), where + "[" + i + "]");
            }
        } else if (a.isObject()) {
            assertEquals(a.size(), b.size(), where);
            a.fieldNames().forEachRemaining(n -> assertSameNumbers(a.get(n), b.path(n), where + "." + n));
        } else {
            assertEquals(a, b, where);
        }
    }
}
