package io.rewind.flink.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rewind.formats.JoinRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;

/**
 * The Flink collector on a MiniCluster against the golden log the Spark join is checked on: the same interactions
 * and quarantine reasons from monitored folders, from time-ranged files read bounded, and from a real Kafka broker.
 */
class CollectJobTest extends CollectFixtures {
    /** Every malformed-row rule, judged the same by both engines (a rule across rows belongs to neither join). */
    @Test
    void theMalformedCorpusGivesTheBatchJoinsAnswer() throws Exception {
        Path in = folders(MALFORMED);
        CollectConfig c = config(in.resolve("decisions").toString(), in.resolve("rewards").toString(), null);
        StreamExecutionEnvironment env = env();
        CollectJob.build(env, c, s -> s);
        env.execute("collect malformed corpus");
        assertGolden(MALFORMED, Path.of(c.sink().output()), Path.of(c.sink().quarantine()));
    }

    @Test
    void folderSourcesGiveTheBatchJoinsAnswer() throws Exception {
        Path in = folders();
        CollectConfig c = config(in.resolve("decisions").toString(), in.resolve("rewards").toString(), null);
        StreamExecutionEnvironment env = env();
        CollectJob.build(env, c, s -> s);
        env.execute("collect golden");
        assertGolden(c);
    }

    /**
     * A backfill: 8 files per table, each a consecutive 400 s of decisions (one a second) or of their rewards (0-60 s
     * after each), read by 2 readers in whatever order the files are handed out. Every file keeps its own
     * watermark and a bounded read never counts as idle (here with a 10 ms idle timeout), so no reward is judged
     * late because another file ran ahead: every decision leaves once, with its reward.
     */
    @Test
    void aBoundedReadOfTimeRangedFilesJoinsEveryReward() throws Exception {
        Path d = tableDir("ranges/decisions");
        Path r = tableDir("ranges/rewards");
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int files = 8;
        int perFile = 400;
        for (int f = 0; f < files; f++) {
            List<String> dl = new ArrayList<>();
            List<String> rl = new ArrayList<>();
            for (int k = 0; k < perFile; k++) {
                int i = f * perFile + k;
                Instant t = T0.plusSeconds(i);
                dl.add("{\"event_id\":\"e" + i + "\",\"timestamp\":\"" + t + "\",\"actions\":[{\"id\":\"a\"},"
                        + "{\"id\":\"b\"}],\"action\":\"a\",\"action_prob\":0.5}");
                rl.add("{\"event_id\":\"e" + i + "\",\"timestamp\":\"" + t.plusMillis(random.nextInt(60_000))
                        + "\",\"reward\":1}");
            }
            Files.write(d.resolve("part-" + f + ".jsonl"), dl);
            Files.write(r.resolve("part-" + f + ".jsonl"), rl);
        }
        String out = dir.resolve("ranges-out").toString();
        CollectConfig c = new CollectConfig(CollectConfig.Sources.folders(d.toString(), r.toString(), true)
                .withTiming(Duration.ofMillis(10), Duration.ofSeconds(1)), CollectConfig.Sink.of(out),
                new JoinRules(Duration.ofMinutes(2), 0, false, JoinRules.Aggregation.FIRST, 0.8),
                new CollectConfig.EventTime(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(2)),
                CollectConfig.Execution.of(Duration.ofMillis(300), 2));
        StreamExecutionEnvironment env = env();
        CollectJob.build(env, c, s -> s);
        env.execute("collect time-ranged files");
        List<String> rows = interactions(Path.of(out));
        assertEquals(files * perFile, rows.size(), "every decision once");
        assertEquals(files * perFile, rows.stream().filter(l -> l.split("\\|")[3].equals("true")).count(),
                "every decision with its reward");
    }

    /** Epoch milliseconds of 1971 (seconds by their magnitude: refused) join with {@code --timestamp-unit ms}. */
    @Test
    void aGivenTimestampUnitReadsEpochMilliseconds() throws Exception {
        Path d = tableDir("ms/decisions");
        Path r = tableDir("ms/rewards");
        Instant t = Instant.parse("1971-01-07T10:00:00Z");
        Files.write(d.resolve("part-0.jsonl"), List.of("{\"event_id\":\"ms\",\"timestamp\":" + t.toEpochMilli()
                + ",\"actions\":[{\"id\":\"a\"}],\"action\":\"a\",\"action_prob\":1}"));
        Files.write(r.resolve("part-0.jsonl"), List.of("{\"event_id\":\"ms\",\"timestamp\":"
                + t.plusSeconds(5).toEpochMilli() + ",\"reward\":1}"));
        String out = dir.resolve("ms-out").toString();
        CollectConfig c = new CollectConfig(CollectConfig.Sources.folders(d.toString(), r.toString(), true)
                .withTiming(Duration.ofSeconds(1), Duration.ofSeconds(1))
                .withTimestampUnit(io.rewind.formats.TimestampUnit.MILLISECONDS), CollectConfig.Sink.of(out), RULES,
                new CollectConfig.EventTime(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(1)),
                CollectConfig.Execution.of(Duration.ofMillis(300), 1));
        StreamExecutionEnvironment env = env();
        CollectJob.build(env, c, s -> s);
        env.execute("collect epoch milliseconds");
        assertEquals(List.of("ms|a|1.000|true|1|1971-01-07T10:00:05.000Z|" + interactions(Path.of(out)).get(0)
                .split("\\|")[6] + "|1971-01-07|10"), interactions(Path.of(out)));
    }

    @Test
    void kafkaTopicsFromARealBrokerGiveTheSameAnswer() throws Exception {
        try (KafkaClusterTestKit kafka = broker()) {
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                for (String l : Files.readAllLines(GOLDEN.resolve("decisions.jsonl"))) {
                    producer.send(new ProducerRecord<>("decisions", l));
                }
                for (String l : Files.readAllLines(GOLDEN.resolve("rewards.jsonl"))) {
                    producer.send(new ProducerRecord<>("rewards", l));
                }
                producer.flush();
            }
            CollectConfig c = config("decisions", "rewards", kafka.bootstrapServers());
            StreamExecutionEnvironment env = env();
            CollectJob.build(env, c, s -> s);
            env.execute("collect from kafka");
            assertGolden(c);
        }
    }
}
