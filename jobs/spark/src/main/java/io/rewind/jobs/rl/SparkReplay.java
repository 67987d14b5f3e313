package io.rewind.jobs.rl;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import io.rewind.rl.batch.Replay;
import io.rewind.rl.batch.Transitions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * train-rl's training transitions held by the executors: spread at random over chunks (Spark's hash partitioning
 * of a hash of the seed, episode and step), each chunk one persisted partition packed as {@link Transitions}. An
 * epoch fetches the chunks one at a time in an order drawn from its random source, the next one fetched while the
 * current one trains: the driver holds two chunks at most, however large the data, plus the chunks it keeps
 * between epochs while they fit in {@link #DRIVER_CACHE_BYTES} (all of them, for data that small).
 */
final class SparkReplay implements Replay, AutoCloseable {
    /** Chunks kept in the driver between epochs, up to this many bytes. */
    static final long DRIVER_CACHE_BYTES = 128L << 20;

    private final JavaRDD<Transitions> chunks;
    private final int count;
    private final long chunkBytes;
    private final Transitions[] cached;
    private final ExecutorService fetcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rewind-replay-fetch");
        t.setDaemon(true);
        return t;
    });
    private final List<Integer> fetchedRows = new ArrayList<>();

    private final boolean perWorker;

    private SparkReplay(JavaRDD<Transitions> chunks, int count, long chunkBytes, boolean perWorker) {
        this.chunks = chunks;
        this.count = count;
        this.chunkBytes = chunkBytes;
        this.cached = new Transitions[count];
        this.perWorker = perWorker;
    }

    /** The training transitions of {@code table} in chunks of about {@code chunkBytes} each, one a partition. */
    static SparkReplay of(TransitionTable table, long chunkBytes, long seed) {
        long perChunk = table.rowsPerChunk(chunkBytes, false);
        int count = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                (table.counts.trainTransitions() + perChunk - 1) / perChunk));
        JavaRDD<Transitions> chunks = spread(table, count, seed)
                .mapPartitions(rows -> List.of(TransitionRows.pack(rows, false)).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());
        chunks.count();
        return new SparkReplay(chunks, count, chunkBytes, false);
    }

    /**
     * The same for {@code workers} data-parallel workers: one partition a worker, each holding its share as several
     * chunks of about {@code chunkBytes}. (A barrier stage cannot narrow more partitions into fewer, so the shards
     * are laid out when the replay is built.)
     */
    static SparkReplay forWorkers(TransitionTable table, long chunkBytes, long seed, int workers) {
        long perChunk = table.rowsPerChunk(chunkBytes, false);
        JavaRDD<Transitions> chunks = spread(table, workers, seed)
                .mapPartitions(rows -> TransitionRows.packInChunks(rows, perChunk))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Integer> perShard = chunks.mapPartitions(it -> {
            int n = 0;
            for (; it.hasNext(); it.next()) {
                n++;
            }
            return List.of(n).iterator();
        }).collect();
        if (perShard.contains(0)) {
            chunks.unpersist(false);
            throw new IllegalArgumentException("--workers " + workers + ": too few training transitions ("
                    + table.counts.trainTransitions() + ") to give every worker some");
        }
        return new SparkReplay(chunks, perShard.stream().mapToInt(Integer::intValue).sum(), chunkBytes, true);
    }

    /** The training rows spread at random over {@code partitions} by a hash of the seed, episode and step. */
    private static JavaRDD<org.apache.spark.sql.Row> spread(TransitionTable table, int partitions, long seed) {
        return table.training().repartition(partitions, xxhash64(lit(seed), col("episode_id"), col("step")))
                .javaRDD();
    }

    int chunks() {
        return count;
    }

    /** The persisted chunks: one a partition, or one partition a worker ({@link #forWorkers}). */
    JavaRDD<Transitions> rdd() {
        return chunks;
    }

    /** The sizes (rows) of the chunks the driver has fetched from the executors so far, in order. */
    synchronized List<Integer> fetchedRows() {
        return List.copyOf(fetchedRows);
    }

    @Override
    public Iterator<Transitions> epoch(SplittableRandom rng) {
        if (perWorker) {
            throw new IllegalStateException("a data-parallel replay is read by its workers, not the driver");
        }
        int[] order = Replay.permutation(count, rng);
        return new Iterator<>() {
            private int next;
            private CompletableFuture<Transitions> ahead = fetch(order, 0);

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Transitions next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Transitions current = ahead.join();
                next++;
                ahead = next < order.length ? fetch(order, next) : null;
                return current;
            }
        };
    }

    private CompletableFuture<Transitions> fetch(int[] order, int i) {
        int chunk = order[i];
        synchronized (this) {
            if (cached[chunk] != null) {
                return CompletableFuture.completedFuture(cached[chunk]);
            }
        }
        return CompletableFuture.supplyAsync(() -> {
            Transitions t = chunks.collectPartitions(new int[] {chunk})[0].get(0);
            synchronized (this) {
                fetchedRows.add(t.size());
                if ((long) (chunk + 1) * chunkBytes <= DRIVER_CACHE_BYTES) {
                    cached[chunk] = t;
                }
            }
            return t;
        }, fetcher);
    }

    @Override
    public void close() {
        fetcher.shutdownNow();
        chunks.unpersist(false);
    }
}
