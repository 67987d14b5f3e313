package io.rewind.flink.collect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * {@code rewind collect}: the Flink job that joins decision and reward streams into the interactions table as they
 * arrive. Sources: folders of JSON lines (monitored) or Kafka topics. The join is {@link JoinFunction}; interactions
 * go to Parquet under {@code date=.../hour=...} (committed on checkpoints: exactly once), rejected rows to the
 * quarantine as JSON lines under {@code decisions/} and {@code rewards/}.
 */
public final class CollectJob {
    private CollectJob() {
    }

    /** Builds the job on an environment; {@code tap} sees the joined stream before the sink (tests inject faults). */
    public static void build(StreamExecutionEnvironment env, CollectConfig c, UnaryOperator<DataStream<Joined>> tap) {
        env.enableCheckpointing(c.execution().checkpointInterval().toMillis());
        // checkpoints to files beside the output, not to the JobManager's heap (a cluster's own setting wins)
        org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
        conf.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                c.sink().output().contains("://") ? c.sink().output() + "_checkpoints"
                        : java.nio.file.Path.of(c.sink().output() + "_checkpoints").toAbsolutePath().toUri().toString());
        if (env.getConfiguration().getOptional(org.apache.flink.configuration.CheckpointingOptions
                .CHECKPOINTS_DIRECTORY).isEmpty()) {
            env.configure(conf);
        }
        // Flink's default with checkpoints restarts for ever: a job that cannot run (a missing topic or class) would
        // keep a scheduler's client waiting; this one fails after maxRestarts failures within ten minutes
        if (env.getConfiguration().getOptional(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY)
                .isEmpty()) {
            env.configure(new org.apache.flink.configuration.Configuration()
                    .set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "failure-rate")
                    .set(org.apache.flink.configuration.RestartStrategyOptions
                            .RESTART_STRATEGY_FAILURE_RATE_MAX_FAILURES_PER_INTERVAL, c.execution().maxRestarts())
                    .set(org.apache.flink.configuration.RestartStrategyOptions
                            .RESTART_STRATEGY_FAILURE_RATE_FAILURE_RATE_INTERVAL, CollectConfig.RESTART_WINDOW)
                    .set(org.apache.flink.configuration.RestartStrategyOptions
                            .RESTART_STRATEGY_FAILURE_RATE_DELAY, Duration.ofSeconds(2)));
        }
        env.setParallelism(c.execution().parallelism());
        // operators chained to one another hand over their objects without copies; the join, the only operator
        // that keeps what it receives, gets fresh objects from the network
        env.getConfig().enableObjectReuse();
        // the file source's splits cannot be paused one by one; aligning whole sources is enough (one split at a
        // time per reader)
        env.configure(new org.apache.flink.configuration.Configuration().set(
                org.apache.flink.configuration.PipelineOptions.ALLOW_UNALIGNED_SOURCE_SPLITS, true));
        Parsed decisions = parse(env, c, "decisions");
        Parsed rewards = parse(env, c, "rewards");
        SingleOutputStreamOperator<Joined> joined = decisions.timed().connect(rewards.timed())
                .keyBy(e -> e.eventId, e -> e.eventId)
                .transform("join", org.apache.flink.api.common.typeinfo.TypeInformation.of(Joined.class),
                        new JoinOperator(new JoinFunction(c.rules(), c.time().orphanAfter().toMillis(),
                                c.time().retain().toMillis())));
        DataStream<Joined> checked = tap.apply(joined);
        Schema schema = InteractionRecords.schema();
        double ratio = c.rules().trainRatio();
        String schemaJson = schema.toString();
        DataStream<GenericRecord> records = checked.map(new ToRecord(schemaJson, ratio, c.rules().window().toMillis(),
                        !c.sources().bounded()))
                .returns(new GenericRecordAvroTypeInfo(schema)).name("to-records");
        records.sinkTo(FileSink.forBulkFormat(new Path(c.sink().output()), interactionsWriter(schemaJson))
                .withBucketAssigner(new DateHourBuckets())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartSuffix(".parquet").build())
                .build()).name("interactions");
        DataStream<Rejected> rejected = decisions.parsed().getSideOutput(Parse.REJECTED)
                .union(rewards.parsed().getSideOutput(Parse.REJECTED), joined.getSideOutput(Parse.REJECTED));
        Encoder<Rejected> json = (r, stream) -> stream.write((r.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        rejected.sinkTo(FileSink.forRowFormat(new Path(c.sink().quarantine()), json)
                .withBucketAssigner(new TableBuckets())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartSuffix(".jsonl").build())
                .build()).name("quarantine");
    }

    /**
     * A table's events, stamped with their event time; the side output holds its bad rows.
     *
     * <p>Kafka topics and folders read once (bounded) are stamped in the source, from the line's timestamp field
     * read without parsing the rest: each partition or file then has its own watermark (a file read after a later
     * one is not judged late against it), and watermark alignment pauses whichever stream runs ahead (rewards,
     * cheaper to parse, would otherwise race ahead of their decisions and wait in the join's state). Monitored
     * folders are stamped after parsing, with one watermark per reader: their files are many and short, and a file
     * read in less than one watermark interval would never advance a per-file watermark.
     */
    private static Parsed parse(StreamExecutionEnvironment env, CollectConfig c, String table) {
        String where = table.equals("decisions") ? c.sources().decisions() : c.sources().rewards();
        boolean inSource = c.sources().kafka() != null || c.sources().bounded();
        WatermarkStrategy<RawLine> strategy = WatermarkStrategy.noWatermarks();
        io.rewind.formats.TimestampUnit unit = c.sources().timestampUnit();
        if (inSource) {
            // a bounded read always has more to read until it ends (then its watermark is the end of time): a
            // reader waiting for its next file or paused by alignment must not count as idle, or the others'
            // watermarks would overtake the events it has yet to read and make them late
            strategy = (c.sources().bounded() ? WatermarkStrategy.<RawLine>forBoundedOutOfOrderness(
                    c.time().outOfOrder()) : CollectJob.<RawLine>watermarks(c.time().outOfOrder(), c.sources().idleness()))
                    .withTimestampAssigner((line, ts) -> {
                        long micros = io.rewind.formats.JsonTimestamps.timestampMicros(line.text, "timestamp",
                                unit);
                        return micros == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(micros, 1000);
                    })
                    // a paused source resumes at the next announcement of the group's watermark: every 50 ms, not
                    // Flink's default second (at 200 ms the two cores were 14% idle at full speed; 50 ms: +9%)
                    .withWatermarkAlignment("rewind-collect", c.rules().window(), Duration.ofMillis(50));
        }
        DataStream<RawLine> lines;
        if (c.sources().kafka() != null) {
            var builder = KafkaSource.<RawLine>builder().setBootstrapServers(c.sources().kafka())
                    .setTopics(where).setGroupId("rewind-collect-" + table)
                    .setStartingOffsets(OffsetsInitializer.earliest())
                    .setDeserializer(new KafkaLines(table))
                    .setProperty("commit.offsets.on.checkpoint", "false");
            // unbounded is the builder's default; it has no "unbounded" initializer to pass (null throws at start)
            if (c.sources().bounded()) {
                builder = builder.setBounded(OffsetsInitializer.latest());
            }
            lines = env.fromSource(builder.build(), strategy, table + "-kafka");
        } else {
            var builder = FileSource.forRecordStreamFormat(new NumberedLines(table), new Path(where))
                    .setSplitAssigner(PathOrderSplitAssigner.PROVIDER);
            if (!c.sources().bounded()) {
                builder = builder.monitorContinuously(c.sources().discoveryInterval());
            }
            lines = env.fromSource(builder.build(), strategy, table + "-files");
        }
        SingleOutputStreamOperator<Event> parsed = lines.process(new Parse(table, c.sources().timestampUnit())).name("parse-" + table);
        if (inSource) {
            return new Parsed(parsed, parsed);
        }
        return new Parsed(parsed, parsed.assignTimestampsAndWatermarks(
                CollectJob.<Event>watermarks(c.time().outOfOrder(), c.sources().idleness())
                        .withTimestampAssigner((e, ts) -> Math.floorDiv(e.timestampMicros, 1000))));
    }

    /** Watermarks {@code outOfOrder} behind the newest event, from splits that go idle as {@link SplitIdleness} says. */
    static <T> WatermarkStrategy<T> watermarks(Duration outOfOrder, CollectConfig.Idleness idleness) {
        return WatermarkStrategy.forGenerator(ctx -> new SplitIdleness<>(
                new BoundedOutOfOrdernessWatermarks<>(outOfOrder), idleness, ctx.getInputActivityClock()));
    }

    /** A table's parsed events (whose side output holds its bad rows) and the same events with watermarks. */
    private record Parsed(SingleOutputStreamOperator<Event> parsed, DataStream<Event> timed) {
    }

    /**
     * Parquet through parquet-avro, as Flink's {@code AvroParquetWriters.forGenericRecord} writes it, except that
     * the per-row unique columns (ids, timestamps) are written plain: a dictionary for them fills a page of
     * distinct values before parquet gives it up, for every column chunk.
     */
    static org.apache.flink.formats.parquet.ParquetWriterFactory<GenericRecord> interactionsWriter(String schemaJson) {
        return new org.apache.flink.formats.parquet.ParquetWriterFactory<>(out ->
                org.apache.parquet.avro.AvroParquetWriter.<GenericRecord>builder(out)
                        .withSchema(new Schema.Parser().parse(schemaJson))
                        .withDataModel(org.apache.avro.generic.GenericData.get())
                        .withDictionaryEncoding("event_id", false)
                        .withDictionaryEncoding("timestamp", false)
                        .withDictionaryEncoding("reward_timestamp", false)
                        .build());
    }

    /** Rows for interactions are written under the decision's date and hour. */
    static final class DateHourBuckets implements BucketAssigner<GenericRecord, String> {
        @Override
        public String getBucketId(GenericRecord r, Context ctx) {
            return InteractionRecords.bucket(InteractionRecords.decisionTime(r));
        }

        @Override
        public SimpleVersionedSerializer<String> getSerializer() {
            return SimpleVersionedStringSerializer.INSTANCE;
        }
    }

    /** Quarantined rows go under their table's folder. */
    static final class TableBuckets implements BucketAssigner<Rejected, String> {
        @Override
        public String getBucketId(Rejected r, Context ctx) {
            return r.table;
        }

        @Override
        public SimpleVersionedSerializer<String> getSerializer() {
            return SimpleVersionedStringSerializer.INSTANCE;
        }
    }
}
