package io.rewind.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** Durations as {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, plain seconds, or ISO-8601 ({@code PT10M}). */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        }
        char unit = v.charAt(v.length() - 1);
        String number = Character.isDigit(unit) ? v : v.substring(0, v.length() - 1);
        double amount = Double.parseDouble(number);
        double seconds = switch (unit) {
            case 'd' -> amount * 86_400;
            case 'h' -> amount * 3_600;
            case 'm' -> amount * 60;
            case 's' -> amount;
            default -> {
                if (!Character.isDigit(unit)) {
                    throw new IllegalArgumentException("unknown duration unit in '" + value + "' (use s, m, h, d)");
                }
                yield amount;
            }
        };
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
