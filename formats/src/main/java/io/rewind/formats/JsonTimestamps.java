package io.rewind.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The top-level timestamp of a JSON object line, read without decoding the rest of the line: streaming sources
 * stamp events with it before they are parsed.
 */
public final class JsonTimestamps {
    private JsonTimestamps() {
    }

    /**
     * The top-level timestamp field of a JSON object line in epoch microseconds, read without decoding the rest of
     * the line (streaming sources use it to stamp events before they are parsed), or {@code Long.MIN_VALUE} when
     * the line is not an object or the field is missing or not a timestamp.
     */
    public static long timestampMicros(String line, String field) {
        return timestampMicros(line, field, TimestampUnit.AUTO);
    }

    /** The same, epoch numbers read in {@code unit}. */
    public static long timestampMicros(String line, String field, TimestampUnit unit) {
        long fast = scanTimestampMicros(line, field, unit);
        return fast != UNSURE ? fast : parseTimestampMicros(line, field, unit);
    }

    private static final long UNSURE = Long.MIN_VALUE + 1;

    /**
     * A character scan for the common case: the field at the top level, before any nested value, as a plain
     * string or a number. Anything else (escapes, the field after nested values, odd spacing) is UNSURE and left to
     * the parser.
     */
    private static long scanTimestampMicros(String line, String field, TimestampUnit unit) {
        int n = line.length();
        int i = skipSpace(line, 0);
        if (i >= n || line.charAt(i) != '{') {
            return UNSURE;
        }
        i++;
        while (true) {
            i = skipSpace(line, i);
            if (i >= n || line.charAt(i) != '"') {
                return UNSURE;
            }
            int keyEnd = line.indexOf('"', i + 1);
            if (keyEnd < 0 || line.lastIndexOf('\\', keyEnd) > i) {
                return UNSURE;
            }
            boolean wanted = keyEnd - i - 1 == field.length() && line.startsWith(field, i + 1);
            i = skipSpace(line, keyEnd + 1);
            if (i >= n || line.charAt(i) != ':') {
                return UNSURE;
            }
            i = skipSpace(line, i + 1);
            if (i >= n) {
                return UNSURE;
            }
            char c = line.charAt(i);
            int end;
            if (c == '"') {
                end = line.indexOf('"', i + 1);
                if (end < 0 || line.indexOf('\\', i + 1) > -1 && line.indexOf('\\', i + 1) < end) {
                    return UNSURE;
                }
                if (wanted) {
                    try {
                        return Timestamps.micros(Timestamps.parse(field, line.substring(i + 1, end), unit));
                    } catch (FieldException e) {
                        return Long.MIN_VALUE;
                    }
                }
                end++;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                end = i + 1;
                while (end < n && "+-.eE0123456789".indexOf(line.charAt(end)) >= 0) {
                    end++;
                }
                if (wanted) {
                    try {
                        double epoch = Double.parseDouble(line.substring(i, end));
                        return Timestamps.micros(Timestamps.fromEpoch(field, epoch, unit));
                    } catch (NumberFormatException e) {
                        return UNSURE;
                    } catch (FieldException e) {
                        return Long.MIN_VALUE;
                    }
                }
            } else {
                return UNSURE;
            }
            i = skipSpace(line, end);
            if (i >= n || line.charAt(i) != ',') {
                return UNSURE;
            }
            i++;
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static long parseTimestampMicros(String line, String field, TimestampUnit unit) {
        try (com.fasterxml.jackson.core.JsonParser p = Json.factory().createParser(line)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return Long.MIN_VALUE;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                boolean wanted = field.equals(p.currentName());
                p.nextToken();
                if (!wanted) {
                    p.skipChildren();
                    continue;
                }
                Object v = p.currentToken().isScalarValue() ? FieldType.TIMESTAMP.codec().fromJson(field,
                        (JsonNode) Json.READER.readTree(p), false, unit) : null;
                if (v instanceof Instant t) {
                    return Timestamps.micros(t);
                }
                return Long.MIN_VALUE;
            }
            return Long.MIN_VALUE;
        } catch (java.io.IOException | FieldException e) {
            return Long.MIN_VALUE;
        }
    }

}
