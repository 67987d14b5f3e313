package io.rewind.flink.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;

/**
 * The collector on live streams stamped with the wall clock (monitored folders and Kafka topics): every committed
 * row's latency from its window's close is measured, within the goal, and a live job stops with a savepoint.
 */
class CollectLiveTest extends CollectFixtures {
    /**
     * On a live stream (decisions stamped with the wall clock), every committed interaction's latency from its
     * window's close lands in the {@code commit_latency_ms} histogram, seen through a metric reporter: at least the
     * watermark's lag (the window cannot close before a later event arrives) and well under the test's wait.
     */
    @Test
    void commitLatencyFromWindowCloseIsMeasured() throws Exception {
        Path d = tableDir("live/decisions");
        Path r = tableDir("live/rewards");
        String out = dir.resolve("live-out").toString();
        org.apache.flink.core.execution.JobClient job = startReported(liveConfig(d.toString(), r.toString(), null,
                out), "collect live");
        List<String> ids = new ArrayList<>();
        Instant lastStamp = Instant.now();
        try {
            for (int f = 0; f < 8; f++) {
                List<String> lines = new ArrayList<>();
                for (int k = 0; k < 5; k++) {
                    String id = "live-" + f + "-" + k;
                    ids.add(id);
                    lastStamp = Instant.now();
                    lines.add(decisionAt(id, lastStamp));
                }
                drop(d.resolve("f" + f + ".jsonl"), lines);
                Thread.sleep(400); // the live stream's pace: a file every 0.4 s, not a wait for the job
            }
            // the last file's window (1 s, 200 ms out of order) closes when a later event comes
            Await.wallClockPast(lastStamp.plusMillis(1_300));
            drop(d.resolve("last.jsonl"), List.of(decisionAt("closer", Instant.now())));
            awaitIds(out, ids);
            Await.until(Duration.ofSeconds(30), "every committed row measured", () -> {
                List<org.apache.flink.metrics.Histogram> h = CollectingReporter.HISTOGRAMS.get("commit_latency_ms");
                return h != null && !h.isEmpty() && h.get(h.size() - 1).getCount() >= ids.size();
            });
        } finally {
            job.cancel().get();
        }
        List<org.apache.flink.metrics.Histogram> hs = CollectingReporter.HISTOGRAMS.get("commit_latency_ms");
        org.apache.flink.metrics.HistogramStatistics stats = hs.get(hs.size() - 1).getStatistics();
        assertEquals(true, hs.get(hs.size() - 1).getCount() >= ids.size(), "every committed row measured: "
                + hs.get(hs.size() - 1).getCount());
        assertEquals(true, stats.getMin() >= 200, "no sooner than the watermark's lag: " + stats.getMin());
        assertEquals(true, stats.getMax() < 30_000, "within the test's wait: " + stats.getMax());
    }

    /**
     * Live Kafka topics (not {@code --bounded}), as the collector runs in production: decisions and rewards produced
     * while the job runs, stamped with the wall clock, are committed with their rewards within the latency goal
     * (README: p99 under 3 s with 1 s checkpoints; here 300 ms checkpoints and idle timeout, asserted under 5 s for
     * a loaded CI machine), and the job stops cleanly with a savepoint, every row committed once.
     */
    @Test
    void liveKafkaTopicsAreCollectedWithinTheLatencyGoalAndStopCleanly() throws Exception {
        try (KafkaClusterTestKit kafka = broker();
                KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
            String out = dir.resolve("live-kafka").toString();
            // as in production, the topics exist before the collector starts (a job started first fails over
            // until they do, and on a loaded machine its restart lost the first rewards to the watermark); a
            // consumer opening on two busy cores may take more than the 300 ms idle timeout to send its first
            // event, so the readers wait 2 s for it (the default is a minute) before they count as idle. Not
            // longer: each reader's own output, which never hears an event (they go to its partitions' outputs),
            // counts as idle only after that wait, and until then a reader whose partition has gone quiet still
            // holds the watermark at its last event (with 10 s, the last windows closed 8 s late)
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                    java.util.Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("decisions", 1, (short) 1),
                        new org.apache.kafka.clients.admin.NewTopic("rewards", 1, (short) 1))).all().get();
            }
            org.apache.flink.core.execution.JobClient job = startReported(liveConfig("decisions", "rewards",
                    kafka.bootstrapServers(), out, Duration.ofSeconds(2)), "collect live kafka");
            List<String> ids = new ArrayList<>();
            List<String> rewarded = new ArrayList<>();
            Instant lastStamp = Instant.now();
            boolean stopped = false;
            try {
                for (int batch = 0; batch < 8; batch++) {
                    for (int k = 0; k < 5; k++) {
                        String id = "k-" + batch + "-" + k;
                        ids.add(id);
                        Instant now = Instant.now();
                        lastStamp = now;
                        producer.send(new ProducerRecord<>("decisions", decisionAt(id, now)));
                        if (k % 2 == 0) {
                            rewarded.add(id);
                            producer.send(new ProducerRecord<>("rewards", "{\"event_id\":\"" + id
                                    + "\",\"timestamp\":\"" + now.plusMillis(100) + "\",\"reward\":1}"));
                        }
                    }
                    producer.flush();
                    Thread.sleep(300); // the live stream's pace: a batch every 0.3 s, not a wait for the job
                }
                Await.wallClockPast(lastStamp.plusMillis(1_300));
                producer.send(new ProducerRecord<>("decisions", decisionAt("closer", Instant.now())));
                producer.flush();
                awaitIds(out, ids);
                String savepoint = job.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                        org.apache.flink.core.execution.SavepointFormatType.CANONICAL).get(60,
                        java.util.concurrent.TimeUnit.SECONDS);
                stopped = true;
                assertEquals(true, Files.exists(Path.of(java.net.URI.create(savepoint))), savepoint);
            } finally {
                if (!stopped) {
                    job.cancel().get();
                }
            }
            // interactions() sorts its rows: compare with the ids sorted alike
            List<String> rows = interactions(Path.of(out)).stream().filter(l -> l.startsWith("k-")).toList();
            assertEquals(ids.stream().sorted().toList(), rows.stream().map(l -> l.split("\\|")[0]).toList(),
                    "each decision once");
            assertEquals(rewarded.stream().sorted().toList(), rows.stream()
                    .filter(l -> l.split("\\|")[3].equals("true")).map(l -> l.split("\\|")[0]).toList(),
                    "with its reward");
            List<org.apache.flink.metrics.Histogram> hs = CollectingReporter.HISTOGRAMS.get("commit_latency_ms");
            org.apache.flink.metrics.Histogram h = hs.get(hs.size() - 1);
            assertEquals(true, h.getCount() >= ids.size(), "every committed row measured: " + h.getCount());
            assertEquals(true, h.getStatistics().getQuantile(0.99) < 5_000,
                    "p99 latency " + h.getStatistics().getQuantile(0.99) + " ms");
        }
    }
}
