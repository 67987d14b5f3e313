package io.rewind.flink.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

/** When a split stops holding back the watermark, on Flink's own watermark generator and a clock the test moves. */
class SplitIdlenessTest {
    static final CollectConfig.Idleness IDLENESS = new CollectConfig.Idleness(Duration.ofSeconds(2),
            Duration.ofSeconds(60));

    /** What the generator told its output, in order: watermarks as their value, "idle" and "active". */
    static final class Told implements WatermarkOutput {
        final List<String> said = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark w) {
            said.add(Long.toString(w.getTimestamp()));
        }

        @Override
        public void markIdle() {
            said.add("idle");
        }

        @Override
        public void markActive() {
            said.add("active");
        }

        String last() {
            return said.get(said.size() - 1);
        }
    }

    ManualClock clock = new ManualClock(1_000_000_000L);
    SplitIdleness<String> split = new SplitIdleness<>(new BoundedOutOfOrdernessWatermarks<>(Duration.ofMillis(100)),
            IDLENESS, clock);
    Told out = new Told();

    void after(Duration d) {
        clock.advanceTime(d);
        split.onPeriodicEmit(out);
    }

    @Test
    void aSplitThatHasSentNothingWaitsTheLongerTimeoutBeforeItIsIdle() {
        after(Duration.ofSeconds(5));
        assertEquals(Long.toString(Long.MIN_VALUE), out.last(), "5 s unheard: still holding the watermark back");
        after(Duration.ofSeconds(54));
        assertEquals(Long.toString(Long.MIN_VALUE), out.last(), "59 s");
        after(Duration.ofSeconds(2));
        assertEquals("idle", out.last(), "61 s: an input empty from the start is let go");
        after(Duration.ofSeconds(1));
        assertEquals(1, out.said.stream().filter("idle"::equals).count(), "said once");
    }

    @Test
    void aSplitThatHasSentIsIdleAfterTheShorterTimeoutAndActiveAgainWithItsNextEvent() {
        split.onEvent("e", 10_000, out);
        after(Duration.ofMillis(1500));
        assertEquals("9899", out.last(), "the newest event less the lag, less 1 ms");
        after(Duration.ofMillis(600));
        assertEquals("idle", out.last(), "2.1 s after its last event");
        split.onEvent("e", 20_000, out);
        assertEquals("active", out.last());
        after(Duration.ofMillis(200));
        assertEquals("19899", out.last());
    }
}
