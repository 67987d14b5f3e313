package io.rewind.flink.collect;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Flink's {@code withIdleness}, except that a split which has sent nothing since the job (re)started waits
 * {@link CollectConfig.Idleness#unheard} before it counts as idle, and only then {@link CollectConfig.Idleness#silent}
 * from its last event. Flink's timer starts at once: after a restart under load, a rewards reader still opening its
 * consumer counted as idle after {@code --idle-timeout}, the decisions' watermark alone then passed rewards not yet
 * read, and their decisions were committed unrewarded. An input that is empty from the start is still declared idle,
 * later. Time is the split's input-activity clock, which stands still while the split is paused (watermark alignment)
 * or backpressured, as in Flink's own.
 */
final class SplitIdleness<T> implements WatermarkGenerator<T> {
    private final WatermarkGenerator<T> watermarks;
    private final long silentNanos;
    private final long unheardNanos;
    private final RelativeClock clock;
    private final long startNanos;
    private long lastEventNanos;
    private boolean heard;
    private boolean idle;

    SplitIdleness(WatermarkGenerator<T> watermarks, CollectConfig.Idleness idleness, RelativeClock clock) {
        this.watermarks = watermarks;
        this.silentNanos = idleness.silent().toNanos();
        this.unheardNanos = idleness.unheard().toNanos();
        this.clock = clock;
        this.startNanos = clock.relativeTimeNanos();
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
        watermarks.onEvent(event, timestamp, output);
        heard = true;
        lastEventNanos = clock.relativeTimeNanos();
        if (idle) {
            output.markActive();
            idle = false;
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.relativeTimeNanos();
        boolean quiet = heard ? now - lastEventNanos > silentNanos : now - startNanos > unheardNanos;
        if (!quiet) {
            watermarks.onPeriodicEmit(output);
        } else if (!idle) {
            output.markIdle();
            idle = true;
        }
    }
}
