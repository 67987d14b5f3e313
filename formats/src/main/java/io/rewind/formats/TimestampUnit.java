package io.rewind.formats;

import java.util.Locale;

/**
 * The unit of epoch numbers in a log's timestamp fields ({@code --timestamp-unit}). {@link #AUTO} tells them apart
 * by magnitude, which is right for every plausible date but those within a few years of 1970 written in a finer
 * unit; a log whose unit is known can say so.
 */
public enum TimestampUnit {
    AUTO("auto", Double.NaN), SECONDS("s", 1), MILLISECONDS("ms", 1e3), MICROSECONDS("us", 1e6),
    NANOSECONDS("ns", 1e9);

    private final String cliName;
    private final double perSecond;

    TimestampUnit(String cliName, double perSecond) {
        this.cliName = cliName;
        this.perSecond = perSecond;
    }

    public String cliName() {
        return cliName;
    }

    /**
     * Seconds since the epoch. By magnitude, as log pipelines write them: below 1e11 seconds (up to the year 5138),
     * below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds.
     */
    public double toSeconds(double value) {
        if (this != AUTO) {
            return value / perSecond;
        }
        double a = Math.abs(value);
        return a < 1e11 ? value : a < 1e14 ? value / 1e3 : a < 1e17 ? value / 1e6 : value / 1e9;
    }

    public static TimestampUnit parse(String s) {
        for (TimestampUnit u : values()) {
            if (u.cliName.equals(s.toLowerCase(Locale.ROOT))) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown timestamp unit '" + s + "', expected auto, s, ms, us or ns");
    }
}
