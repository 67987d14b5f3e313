package io.rewind.formats;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Timestamps in Rewind tables: ISO-8601 text (UTC when no offset is given) or epoch seconds. */
public final class Timestamps {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static Instant parse(String field, String text) {
        String t = text.trim();
        Instant fast = utc(t);
        if (fast != null) {
            return fast;
        }
        try {
            return truncate(Instant.parse(t));
        } catch (DateTimeParseException e) {
            // fall through to the other accepted shapes
        }
        try {
            return truncate(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return truncate(LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return fromEpochSeconds(field, Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new FieldException(field, "not a timestamp: \"" + text + "\" (expected ISO-8601 or epoch seconds)");
        }
    }

    /**
     * The shape Rewind writes, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, read without a formatter (most rows have
     * it); null for anything else, which the general parsers then try.
     */
    static Instant utc(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(n - 1) != 'Z') {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (t.charAt(19) != '.' || n == 21) {
                return null;
            }
            int digits = n - 21;
            if (digits > 9) {
                return null;
            }
            int f = digits(t, 20, n - 1);
            if (f < 0) {
                return null;
            }
            nanos = f;
            for (int k = digits; k < 9; k++) {
                nanos *= 10;
            }
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return truncate(LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    public static Instant fromEpochSeconds(String field, double seconds) {
        if (!Double.isFinite(seconds)) {
            throw new FieldException(field, "not a timestamp: " + seconds);
        }
        long micros = Math.round(seconds * 1_000_000d);
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** Rewind keeps microseconds, as Spark and Parquet do. */
    public static Instant truncate(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    public static String format(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    /** The {@code date} partition value of a timestamp. */
    public static String date(Instant t) {
        return DATE.format(t);
    }

    public static int hour(Instant t) {
        return t.atOffset(ZoneOffset.UTC).getHour();
    }
}
