package io.rewind.formats;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Timestamps in Rewind tables: ISO-8601 text (UTC when no offset is given) or epoch numbers (s, ms, us or ns). */
public final class Timestamps {
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static Instant parse(String field, String text) {
        return parse(field, text, TimestampUnit.AUTO);
    }

    /** ISO-8601 (with or without an offset; a space for the T) or an epoch number in {@code unit}. */
    public static Instant parse(String field, String text, TimestampUnit unit) {
        return plausible(field, parseAny(field, text, unit));
    }

    private static Instant parseAny(String field, String text, TimestampUnit unit) {
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
            return fromEpoch(field, Double.parseDouble(t), unit);
        } catch (NumberFormatException e) {
            throw new FieldException(field, "not a timestamp: \"" + text + "\" (expected ISO-8601 or an epoch number)");
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

    /** Microseconds since the epoch (Spark's and Avro's timestamp unit), sub-microsecond digits dropped. */
    public static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    /** An epoch number, its unit told by magnitude ({@link TimestampUnit#AUTO}). */
    public static Instant fromEpoch(String field, double value) {
        return fromEpoch(field, value, TimestampUnit.AUTO);
    }

    /** An epoch number in {@code unit}; the result must fall in the plausible years. */
    public static Instant fromEpoch(String field, double value, TimestampUnit unit) {
        if (!Double.isFinite(value)) {
            throw new FieldException(field, "not a timestamp: " + value);
        }
        double seconds = unit.toSeconds(value);
        long micros = Math.round(seconds * 1_000_000d);
        return plausible(field, Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
    }

    /** Timestamps before 1900 or from 2200 on are mistakes (a wrong unit, a placeholder), not events. */
    private static Instant plausible(String field, Instant t) {
        if (t.isBefore(EARLIEST) || !t.isBefore(LATEST)) {
            throw new FieldException(field, "implausible timestamp " + format(t) + " (Rewind reads years 1900 to 2199;"
                    + " epoch numbers in s, ms, us or ns by their magnitude unless --timestamp-unit says)");
        }
        return t;
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
