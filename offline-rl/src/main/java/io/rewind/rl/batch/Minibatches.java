package io.rewind.rl.batch;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Endless minibatches from a shard of chunks: the chunks in an order drawn from the random source, each chunk's
 * transitions in a drawn order, and again from the start once all are used. A data-parallel worker draws a fixed
 * number of steps per epoch from its shard, whatever the shard's size.
 */
public final class Minibatches {
    /** One minibatch: states, actions, rewards, next states and 1 − done. */
    public record Batch(float[][] state, int[] action, float[] reward, float[][] next, float[] notDone) {
        Batch(int size) {
            this(new float[size][], new int[size], new float[size], new float[size][], new float[size]);
        }

        /** Row {@code k} of the batch takes transition {@code i} of {@code t}. */
        void set(int k, Transitions t, int i) {
            state[k] = t.state()[i];
            action[k] = t.action()[i];
            reward[k] = t.reward()[i];
            next[k] = t.next()[i];
            notDone[k] = t.done()[i] ? 0 : 1;
        }
    }

    private final List<Transitions> chunks;
    private final int size;
    private final SplittableRandom rng;
    private int[] chunkOrder = new int[0];
    private int chunk;
    private int[] rowOrder = new int[0];
    private int row;

    public Minibatches(List<Transitions> chunks, int size, SplittableRandom rng) {
        if (chunks.stream().mapToInt(Transitions::size).sum() == 0) {
            throw new IllegalArgumentException("no transitions in this shard");
        }
        this.chunks = List.copyOf(chunks);
        this.size = size;
        this.rng = rng;
    }

    public Batch next() {
        Batch b = new Batch(size);
        for (int k = 0; k < size; k++) {
            while (row == rowOrder.length) {
                if (chunk == chunkOrder.length) {
                    chunkOrder = Replay.permutation(chunks.size(), rng);
                    chunk = 0;
                }
                rowOrder = Replay.permutation(chunks.get(chunkOrder[chunk]).size(), rng);
                row = 0;
                chunk++;
            }
            b.set(k, chunks.get(chunkOrder[chunk - 1]), rowOrder[row++]);
        }
        return b;
    }
}
