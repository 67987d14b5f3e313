package io.rewind.formats;

import java.time.Duration;
import java.util.Locale;

/** Durations as the command lines take them: {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, plain
 * seconds, or ISO-8601 ({@code PT10M}). */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        }
        if (v.endsWith("ms")) {
            return Duration.ofNanos(Math.round(Double.parseDouble(v.substring(0, v.length() - 2)) * 1e6));
        }
        char unit = v.charAt(v.length() - 1);
        String number = Character.isDigit(unit) ? v : v.substring(0, v.length() - 1);
        double amount;
        try {
            amount = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + value + "' (use ms, s, m, h or d)");
        }
        double seconds = switch (unit) {
            case 'd' -> amount * 86_400;
            case 'h' -> amount * 3_600;
            case 'm' -> amount * 60;
            case 's' -> amount;
            default -> {
                if (!Character.isDigit(unit)) {
                    throw new IllegalArgumentException("unknown duration unit in '" + value + "' (use ms, s, m, h, d)");
                }
                yield amount;
            }
        };
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
