package io.rewind.cli;

import io.rewind.formats.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Durations as {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, plain seconds, or ISO-8601. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value);
    }
}
