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
