package io.rewind.jobs.rl;

import static org.apache.spark.sql.functions.col;

import io.rewind.formats.AtomicFiles;
import io.rewind.jobs.transform.ExecutorModels;
import io.rewind.ope.Evaluation;
import io.rewind.ope.sequential.EpisodeSample;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.HeldOut;
import io.rewind.rl.batch.OffPolicyMetrics;
import io.rewind.rl.batch.RlPolicy;
import io.rewind.rl.batch.Transitions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * train-rl's held-out episodes held by the executors, every episode whole in one persisted partition. Each epoch
 * ships the learner's current networks once (a broadcast), each executor scores its episodes and returns the
 * estimators' mergeable statistics, and the driver merges them into PDIS, WIS and SDR.
 */
final class ExecutorHeldOut implements HeldOut, AutoCloseable {
    private final JavaSparkContext sc;
    private final JavaRDD<Transitions> parts;
    private final Path scratch;
    private int shipped;

    private ExecutorHeldOut(JavaSparkContext sc, JavaRDD<Transitions> parts, Path scratch) {
        this.sc = sc;
        this.parts = parts;
        this.scratch = scratch;
    }

    /** The held-out transitions of {@code table} in partitions of about {@code partBytes} each. */
    static ExecutorHeldOut of(TransitionTable table, long partBytes) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(table.rows.sparkSession().sparkContext());
        if (table.counts.evalTransitions() == 0) {
            return new ExecutorHeldOut(sc, null, null);
        }
        long perPart = table.rowsPerChunk(partBytes, true);
        int count = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                (table.counts.evalTransitions() + perPart - 1) / perPart));
        JavaRDD<Transitions> parts = table.heldOut().repartition(count, col("episode_id")).javaRDD()
                .mapPartitions(rows -> List.of(TransitionRows.pack(rows, true)).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());
        parts.count();
        try {
            return new ExecutorHeldOut(sc, parts, Files.createTempDirectory("rewind-held-out"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch folder for the policies shipped each epoch", e);
        }
    }

    @Override
    public OffPolicyMetrics.Estimates estimate(DdqnBcq learner) {
        if (parts == null) {
            return null;
        }
        Path dir = scratch.resolve("policy-" + shipped++);
        RlPolicy.describe(learner, "held-out estimate", 0, 0, Map.of(), List.of()).save(learner, dir);
        Broadcast<ExecutorModels.Payload> policy = sc.broadcast(ExecutorModels.read(dir.toString()));
        try {
            Evaluation<EpisodeSample> merged = parts.map(t -> OffPolicyMetrics.evaluation(
                    ExecutorModels.rl(policy.value()), t)).reduce(Evaluation::merge);
            return OffPolicyMetrics.estimates(merged, 0.95);
        } finally {
            policy.destroy();
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try {
            AtomicFiles.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the scratch copy " + dir, e);
        }
    }

    @Override
    public void close() {
        if (parts != null) {
            parts.unpersist(false);
            delete(scratch);
        }
    }
}
