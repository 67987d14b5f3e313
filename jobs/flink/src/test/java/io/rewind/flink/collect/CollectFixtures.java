package io.rewind.flink.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rewind.formats.JoinRules;
import io.rewind.formats.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the collector's MiniCluster tests share: the golden logs and their expected answer, configs, a test folder,
 * log files dropped whole into monitored folders, a Kafka broker, and waits for committed rows and checkpoints.
 */
abstract class CollectFixtures {
    static final Path GOLDEN = Path.of("..", "..", "formats", "src", "test", "resources", "join-golden");
    static final Path MALFORMED = GOLDEN.resolveSibling("join-golden-malformed");
    static final JoinRules RULES = new JoinRules(Duration.ofMinutes(10), 0, false, JoinRules.Aggregation.FIRST, 0.8);

    @TempDir
    Path dir;

    CollectConfig config(String decisions, String rewards, String kafka) {
        String out = dir.resolve("interactions").toString();
        return new CollectConfig(new CollectConfig.Sources(decisions, rewards, kafka, true,
                CollectConfig.DEFAULT_IDLENESS, CollectConfig.DEFAULT_DISCOVERY_INTERVAL,
                io.rewind.formats.TimestampUnit.AUTO), CollectConfig.Sink.of(out), RULES,
                new CollectConfig.EventTime(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(1)),
                CollectConfig.Execution.of(Duration.ofMillis(300), 2));
    }

    static StreamExecutionEnvironment env() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    Path folders() throws Exception {
        return folders(GOLDEN);
    }

    Path folders(Path golden) throws Exception {
        Path d = dir.resolve("in/decisions");
        Path r = dir.resolve("in/rewards");
        Files.createDirectories(d);
        Files.createDirectories(r);
        Files.copy(golden.resolve("decisions.jsonl"), d.resolve("decisions.jsonl"));
        Files.copy(golden.resolve("rewards.jsonl"), r.resolve("rewards.jsonl"));
        return dir.resolve("in");
    }

    /** The committed interactions in the golden files' line format, sorted by event id. */
    static List<String> interactions(Path out) throws Exception {
        List<String> lines = new ArrayList<>();
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(
                java.time.ZoneOffset.UTC);
        List<Path> files;
        try (Stream<Path> s = Files.walk(out)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")
                    && !p.getFileName().toString().startsWith(".")).toList();
        }
        for (Path f : files) {
            String date = f.getParent().getParent().getFileName().toString().substring("date=".length());
            int hour = Integer.parseInt(f.getParent().getFileName().toString().substring("hour=".length()));
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                    HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(f.toString()),
                            new org.apache.hadoop.conf.Configuration())).withDataModel(GenericData.get()).build()) {
                GenericRecord r;
                while ((r = reader.read()) != null) {
                    Object ts = r.get("reward_timestamp");
                    String rewardTs = ts == null ? "null" : iso.format(Instant.ofEpochSecond(0, (Long) ts * 1000));
                    lines.add(String.format(Locale.ROOT, "%s|%s|%.3f|%s|%d|%s|%s|%s|%d", r.get("event_id"),
                            r.get("action"), (Double) r.get("reward"), r.get("reward_observed"),
                            (Integer) r.get("reward_count"), rewardTs, r.get("split"), date, hour));
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    static List<String> quarantine(Path q) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String table : List.of("decisions", "rewards")) {
            Path t = q.resolve(table);
            if (!Files.exists(t)) {
                continue;
            }
            try (Stream<Path> s = Files.list(t)) {
                for (Path f : s.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                    for (String l : Files.readAllLines(f)) {
                        var n = Json.tree(l);
                        lines.add(table + "|" + (n.get("event_id").isNull() ? "null" : n.get("event_id").asText())
                                + "|" + n.get("reason").asText());
                    }
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    static void assertGolden(CollectConfig c) throws Exception {
        assertGolden(Path.of(c.sink().output()), Path.of(c.sink().quarantine()));
    }

    /** The interactions and quarantine reasons {@code rewind join} writes for the golden log. */
    static void assertGolden(Path output, Path quarantine) throws Exception {
        assertGolden(GOLDEN, output, quarantine);
    }

    static void assertGolden(Path golden, Path output, Path quarantine) throws Exception {
        assertEquals(Files.readAllLines(golden.resolve("expected-interactions.txt")), interactions(output),
                "the same interactions as rewind join");
        assertEquals(Files.readAllLines(golden.resolve("expected-quarantine.txt")), quarantine(quarantine),
                "the same quarantine reasons as rewind join");
    }

    /**
     * A live collector (monitored folders or unbounded topics) for wall-clock-stamped events: a 1 s reward window,
     * 200 ms out of order, 300 ms checkpoints and idle timeout, parallelism 1.
     */
    static CollectConfig liveConfig(String decisions, String rewards, String kafka, String out) {
        return liveConfig(decisions, rewards, kafka, out, Duration.ofMillis(300));
    }

    /**
     * A live job whose readers count as idle 300 ms after their last event, and {@code unheard} after the start
     * while they have sent nothing (a reader still opening its input).
     */
    static CollectConfig liveConfig(String decisions, String rewards, String kafka, String out, Duration unheard) {
        return new CollectConfig(new CollectConfig.Sources(decisions, rewards, kafka, false,
                new CollectConfig.Idleness(Duration.ofMillis(300), unheard),
                Duration.ofMillis(100), io.rewind.formats.TimestampUnit.AUTO), CollectConfig.Sink.of(out),
                new JoinRules(Duration.ofSeconds(1), 0, false, JoinRules.Aggregation.FIRST, 0.8),
                new CollectConfig.EventTime(Duration.ofMillis(200), Duration.ofHours(1), Duration.ofMinutes(1)),
                CollectConfig.Execution.of(Duration.ofMillis(300), 1));
    }

    /** Starts the job on a MiniCluster whose metrics go to {@link CollectingReporter} (emptied first). */
    static org.apache.flink.core.execution.JobClient startReported(CollectConfig c, String name) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("metrics.reporter.collecting.factory.class", CollectingReporter.class.getName());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        CollectingReporter.HISTOGRAMS.clear();
        CollectJob.build(env, c, s -> s);
        return env.executeAsync(name);
    }

    /** The number of the newest checkpoint written beside a job's output (0 before the first). */
    static int lastCheckpoint(String out) throws Exception {
        Path root = Path.of(out + "_checkpoints");
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(root, 2)) {
            // a checkpoint's folder is made when it begins; its _metadata is written when it completes
            return s.filter(p -> p.getFileName().toString().startsWith("chk-")
                            && Files.exists(p.resolve("_metadata")))
                    .mapToInt(p -> Integer.parseInt(p.getFileName().toString().substring(4))).max().orElse(0);
        } catch (java.io.UncheckedIOException e) {
            return 0;
        }
    }

    /** Waits (up to a minute) until every id has a committed interaction. */
    static void awaitIds(String out, List<String> ids) throws Exception {
        Await.until(Duration.ofMinutes(1), "a committed interaction for each of " + ids, () -> committed(out, ids));
    }

    /**
     * Puts a file into a monitored folder whole, as log writers do: written under a hidden name (the file source
     * skips names starting with a dot) and renamed. A file seen while still being written is read at the length
     * it had then, and the source fails.
     */
    static void drop(Path file, List<String> lines) throws Exception {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(tmp, lines);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The start of the time-stamped test logs. */
    static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    /** A decision line {@code second}s after {@link #T0}. */
    static String decisionAt(String id, int second) {
        return decisionAt(id, T0.plusSeconds(second));
    }

    /** A decision line with one candidate, chosen with probability 1. */
    static String decisionAt(String id, Instant t) {
        return "{\"event_id\":\"" + id + "\",\"timestamp\":\"" + t + "\",\"actions\":[{\"id\":\"a\"}],"
                + "\"action\":\"a\",\"action_prob\":1}";
    }

    /** Whether every id has a committed interaction. */
    static boolean committed(String out, List<String> ids) throws Exception {
        return Files.exists(Path.of(out))
                && interactions(Path.of(out)).stream().map(l -> l.split("\\|")[0]).toList().containsAll(ids);
    }

    /** An empty folder under the test's directory. */
    Path tableDir(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    /** A one-node KRaft broker in this JVM (Kafka's test kit), started. */
    static KafkaClusterTestKit broker() throws Exception {
        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0").build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return kafka;
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
