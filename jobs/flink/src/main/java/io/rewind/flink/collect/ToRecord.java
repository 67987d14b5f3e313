package io.rewind.flink.collect;

import io.rewind.formats.Tables;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joined rows as Avro records; the schema is parsed and its layout found once per task. It also measures each
 * row's latency from its window's close to the checkpoint that commits it ({@link CommitLatency}): the
 * histogram {@code commit_latency_ms} and a log line per checkpoint.
 */
final class ToRecord extends RichMapFunction<Joined, GenericRecord> implements CheckpointedFunction,
        CheckpointListener {
    private static final Logger LOG = LoggerFactory.getLogger(ToRecord.class);
    private final String schemaJson;
    private final double ratio;
    private final long windowMillis;
    private transient InteractionRecords.Layout layout;
    private transient int timestampPos;
    private transient CompactRow decisions;
    private transient CompactRow rewards;
    private transient CommitLatency latency;
    private transient Histogram histogram;
    private final boolean live;

    /**
     * @param live the sources are live streams: latencies mean something and are measured (a backfill's windows
     *     closed long ago, so it only counts what each checkpoint commits)
     */
    ToRecord(String schemaJson, double ratio, long windowMillis, boolean live) {
        this.live = live;
        this.schemaJson = schemaJson;
        this.ratio = ratio;
        this.windowMillis = windowMillis;
    }

    @Override
    public void open(OpenContext ctx) {
        layout = InteractionRecords.Layout.of(new Schema.Parser().parse(schemaJson));
        timestampPos = layout.schema().getField("timestamp").pos();
        decisions = new CompactRow(Tables.DECISIONS);
        rewards = new CompactRow(Tables.REWARDS);
        latency = new CommitLatency();
        histogram = getRuntimeContext().getMetricGroup().histogram("commit_latency_ms",
                new DescriptiveStatisticsHistogram(10_000));
    }

    @Override
    public GenericRecord map(Joined j) {
        GenericRecord rec = InteractionRecords.of(j, layout, ratio, decisions, rewards);
        latency.emitted(Math.floorDiv((Long) rec.get(timestampPos), 1000) + windowMillis);
        return rec;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) {
        latency.checkpointTaken(ctx.getCheckpointId());
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) {
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        long[] millis = latency.committed(checkpointId, System.currentTimeMillis());
        if (millis.length == 0) {
            return;
        }
        if (!live) {
            LOG.info("collect[{}]: checkpoint {} committed {} interactions", getRuntimeContext().getTaskInfo()
                    .getIndexOfThisSubtask(), checkpointId, millis.length);
            return;
        }
        for (long m : millis) {
            histogram.update(m);
        }
        Arrays.sort(millis);
        LOG.info("collect[{}]: checkpoint {} committed {} interactions, latency from window close p50 {} ms,"
                + " p99 {} ms, max {} ms", getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                checkpointId, millis.length, millis[millis.length / 2],
                millis[(int) Math.min(millis.length - 1, Math.ceil(millis.length * 0.99) - 1)],
                millis[millis.length - 1]);
    }
}
