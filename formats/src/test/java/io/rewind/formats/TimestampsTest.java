package io.rewind.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void theFastPathReadsWhatInstantParseReads() {
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 5_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(-2_000_000_000L, 4_000_000_000L), r.nextInt(1_000_000_000));
            for (ChronoUnit unit : List.of(ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS, ChronoUnit.NANOS)) {
                String text = t.truncatedTo(unit).toString();
                Instant expected = Instant.parse(text).truncatedTo(ChronoUnit.MICROS);
                assertEquals(expected, Timestamps.utc(text), text);
                assertEquals(expected, Timestamps.parse("timestamp", text), text);
            }
        }
        assertEquals(Instant.parse("2026-05-01T00:00:00.1Z"), Timestamps.utc("2026-05-01T00:00:00.1Z"));
    }

    @Test
    void otherShapesFallThroughAndImpossibleDatesAreErrors() {
        assertNull(Timestamps.utc("2026-05-01T00:00:00+02:00"));
        assertNull(Timestamps.utc("2026-05-01 00:00:00"));
        assertNull(Timestamps.utc("2026-02-30T00:00:00Z"));
        assertNull(Timestamps.utc("2026-05-01T00:00:00.Z"));
        assertEquals(Instant.parse("2026-04-30T22:00:00Z"), Timestamps.parse("t", "2026-05-01T00:00:00+02:00"));
        assertEquals(Instant.parse("2026-05-01T00:00:00Z"), Timestamps.parse("t", "2026-05-01 00:00:00"));
        FieldException e = assertThrows(FieldException.class, () -> Timestamps.parse("t", "2026-02-30T00:00:00Z"));
        assertEquals(true, e.getMessage().contains("not a timestamp"), e.getMessage());
    }
}
