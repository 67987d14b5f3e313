package io.rewind.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** Reading values of a JSON tree, each failure a {@link FieldException} naming the field and what was there. */
final class JsonTrees {
    private JsonTrees() {
    }

    static long integral(String field, JsonNode v, boolean scalarsAsText) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
                && Math.abs(v.doubleValue()) < 0x1p53) {
            return (long) v.doubleValue();
        }
        if (scalarsAsText && v.isTextual()) {
            try {
                return Long.parseLong(v.textValue().trim());
            } catch (NumberFormatException e) {
                try {
                    double d = Double.parseDouble(v.textValue().trim());
                    if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                        return (long) d;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
        }
        throw new FieldException(field, "expected an integer, got " + describe(v));
    }

    static double number(String field, JsonNode v, boolean scalarsAsText) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (scalarsAsText && v.isTextual()) {
            try {
                return Double.parseDouble(v.textValue().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new FieldException(field, "expected a number, got " + describe(v));
    }

    static ArrayNode array(String field, JsonNode v) {
        if (!v.isArray()) {
            throw new FieldException(field, "expected an array, got " + describe(v));
        }
        return (ArrayNode) v;
    }

    static String describe(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        String text = v.toString();
        return v.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
