package io.rewind.flink.collect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Rows are measured by the checkpoint whose barrier follows them, when that checkpoint completes. */
class CommitLatencyTest {
    @Test
    void eachRowIsMeasuredWhenItsCheckpointCompletes() {
        CommitLatency l = new CommitLatency();
        l.emitted(1_000);
        l.emitted(1_500);
        l.checkpointTaken(1);
        l.emitted(2_000);
        l.checkpointTaken(2);
        l.emitted(2_500);
        assertArrayEquals(new long[] {2_000, 1_500}, l.committed(1, 3_000), "checkpoint 1: the two rows before it");
        assertArrayEquals(new long[] {}, l.committed(1, 3_100), "nothing twice");
        l.checkpointTaken(3);
        // checkpoint 2's completion was never announced: checkpoint 3 commits its rows too
        assertArrayEquals(new long[] {3_000, 2_500}, l.committed(3, 5_000));
        for (int i = 0; i < 5_000; i++) {
            l.emitted(10_000 + i);
        }
        l.checkpointTaken(4);
        long[] many = l.committed(4, 20_000);
        assertArrayEquals(new long[] {10_000, 5_001}, new long[] {many[0], many[4_999]}, "grows past its first array");
    }
}
