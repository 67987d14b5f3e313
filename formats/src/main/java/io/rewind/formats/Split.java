package io.rewind.formats;

import java.nio.charset.StandardCharsets;

/**
 * Train/eval assignment by a hash of {@code event_id}: the same event always lands in the same split, in Spark, in
 * Flink and in plain Java, whatever the order or partitioning of the data.
 */
public final class Split {
    public static final String TRAIN = "train";
    public static final String EVAL = "eval";

    private Split() {
    }

    /** {@code train} when the event's hash, uniform in [0, 1), is below {@code trainRatio}. */
    public static String of(String eventId, double trainRatio) {
        return unitHash(eventId) < trainRatio ? TRAIN : EVAL;
    }

    /** {@link #hash64} scaled to [0, 1). */
    public static double unitHash(String s) {
        return (hash64(s) >>> 11) * 0x1.0p-53;
    }

    /** FNV-1a over the UTF-8 bytes, then the SplitMix64 finalizer. */
    public static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }
}
