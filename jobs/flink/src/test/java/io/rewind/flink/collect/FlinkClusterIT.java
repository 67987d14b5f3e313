package io.rewind.flink.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector as a platform engineer runs it: the assembly jar submitted with Flink's CLI to a session cluster (a
 * JobManager and a TaskManager in their own JVMs, only a Flink distribution's jars on their classpath), reading a
 * Kafka broker that runs in its own JVM.
 */
class FlinkClusterIT {
    @TempDir
    static Path dir;
    static KafkaBroker kafka;
    static FlinkCluster flink;
    static Process taskManager;

    /** The processes' logs, kept after the run for a failure's diagnosis. */
    static final Path LOGS = Path.of("target", "flink-cluster-it").toAbsolutePath();

    @BeforeAll
    static void start() throws Exception {
        org.apache.commons.io.file.PathUtils.deleteDirectory(Files.createDirectories(LOGS));
        kafka = new KafkaBroker(LOGS.resolve("kafka"), 2);
        flink = new FlinkCluster(LOGS.resolve("flink"));
        taskManager = flink.startTaskManager();
    }

    @AfterAll
    static void stop() throws Exception {
        if (flink != null) {
            flink.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrap());
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** The README's Flink command, with this test's broker and folder. */
    static final String RUN = "flink run -c io.rewind.flink.collect.Collect rewind-flink-0.1.0-SNAPSHOT.jar"
            + " --kafka BROKER:9092 --decisions decisions --rewards rewards --output interactions --bounded";

    static String[] here(String command, String... more) throws Exception {
        List<String> args = new ArrayList<>();
        for (String a : command.substring("flink ".length()).split(" ")) {
            args.add(switch (a) {
                case "rewind-flink-0.1.0-SNAPSHOT.jar" -> FlinkCluster.assembly();
                case "BROKER:9092" -> kafka.bootstrap();
                case "interactions" -> dir.resolve("interactions").toString();
                default -> a;
            });
        }
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void theReadmeShowsTheCommandThisTestRuns() throws Exception {
        String readme = Files.readString(Path.of("..", "..", "README.md")).replaceAll("\\\\\n\\s*", "");
        assertTrue(readme.contains(RUN), "the README shows: " + RUN);
    }

    /** The golden log from Kafka topics, read to their end: exactly what {@code rewind join} writes. */
    @Test
    void theGoldenLogFromKafkaGivesTheBatchJoinsAnswer() throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            for (String table : List.of("decisions", "rewards")) {
                for (String l : Files.readAllLines(CollectFixtures.GOLDEN.resolve(table + ".jsonl"))) {
                    producer.send(new ProducerRecord<>(table, 0, null, l));
                }
            }
            producer.flush();
        }
        FlinkCluster.Run run = flink.flink(here(RUN, "--reward-window", "10m", "--checkpoint-interval", "300ms"));
        assertEquals(0, run.exit(), run.out());
        CollectFixtures.assertGolden(dir.resolve("interactions"), dir.resolve("interactions_quarantine"));
    }

    /**
     * Live topics (unbounded), the TaskManager killed with SIGKILL mid-stream and a new one started: the job
     * restarts from its last checkpoint and every decision still leaves exactly once, with its reward.
     */
    @Test
    void aTaskManagerKilledMidStreamLosesAndDoublesNothing() throws Exception {
        String out = dir.resolve("live").toString();
        Properties admin = new Properties();
        admin.put("bootstrap.servers", kafka.bootstrap());
        try (org.apache.kafka.clients.admin.Admin a = org.apache.kafka.clients.admin.Admin.create(admin)) {
            a.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("live-decisions", 2, (short) 1),
                    new org.apache.kafka.clients.admin.NewTopic("live-rewards", 2, (short) 1))).all().get();
        }
        FlinkCluster.Run submitted = flink.flink("run", "-d", "-c", "io.rewind.flink.collect.Collect",
                FlinkCluster.assembly(), "--kafka", kafka.bootstrap(), "--decisions", "live-decisions", "--rewards",
                "live-rewards", "--output", out, "--reward-window", "2m", "--checkpoint-interval", "1s",
                "--idle-timeout", "2s");
        assertEquals(0, submitted.exit(), submitted.out());
        Matcher m = Pattern.compile("JobID ([0-9a-f]{32})").matcher(submitted.out());
        assertTrue(m.find(), submitted.out());
        String job = m.group(1);
        Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
        SplittableRandom random = new SplittableRandom(7);
        List<String> ids = new ArrayList<>();
        CpuLoad load = null;
        int restoredFrom = 0;
        int batches = 12;
        int perBatch = 500;
        try (KafkaProducer<String, String> producer = producer()) {
            for (int b = 0; b < batches; b++) {
                for (int k = 0; k < perBatch; k++) {
                    int i = b * perBatch + k;
                    String id = "live-" + i;
                    ids.add(id);
                    Instant t = t0.plusSeconds(i);
                    producer.send(new ProducerRecord<>("live-decisions", CollectFixtures.decisionAt(id, t)));
                    producer.send(new ProducerRecord<>("live-rewards", "{\"event_id\":\"" + id + "\",\"timestamp\":\""
                            + t.plusMillis(random.nextInt(60_000)) + "\",\"reward\":1}"));
                }
                producer.flush();
                Thread.sleep(700); // the stream's pace: a batch every 0.7 s, not a wait for the job
                if (b == batches / 2) {
                    awaitCheckpoint(out);
                    load = new CpuLoad();
                    restoredFrom = CollectFixtures.lastCheckpoint(out);
                    taskManager.destroyForcibly().waitFor();
                    taskManager = flink.startTaskManager();
                }
            }
            // decisions an hour later, in every partition, close the last windows
            for (int p = 0; p < 2; p++) {
                producer.send(new ProducerRecord<>("live-decisions", p, null, CollectFixtures.decisionAt("closer-" + p,
                        t0.plusSeconds(batches * perBatch + 3600))));
            }
            producer.flush();
            // the restarted job's sources open their consumers and catch up on the loaded machine
            int from = restoredFrom;
            Await.until(Duration.ofMinutes(2), "3 checkpoints after the restart",
                    () -> CollectFixtures.lastCheckpoint(out) > from + 2);
        } finally {
            if (load != null) {
                load.close();
            }
        }
        try {
            awaitAll(out, ids);
        } finally {
            FlinkCluster.Run cancel = flink.flink("cancel", job);
            assertEquals(0, cancel.exit(), cancel.out());
        }
        List<String> rows = CollectFixtures.interactions(Path.of(out)).stream().filter(l -> l.startsWith("live-"))
                .toList();
        assertEquals(ids.size(), rows.size(), "every decision once");
        assertEquals(ids.size(), rows.stream().map(l -> l.split("\\|")[0]).distinct().count(), "none twice");
        assertEquals(ids.size(), rows.stream().filter(l -> l.split("\\|")[3].equals("true")).count(),
                "each with its reward");
        String log = Files.readString(LOGS.resolve("flink/jobmanager.log"));
        String restarting = Pattern.quote("(" + job + ") switched from state RUNNING to RESTARTING");
        assertEquals(1, log.split(restarting, -1).length - 1,
                "the job restarted once, when its TaskManager was killed");
        assertTrue(log.contains("Restoring job " + job + " from Checkpoint"), "from its last checkpoint");
    }

    /**
     * Two busy threads per core until closed: the restart happens on a machine whose cores are taken, so a reader
     * that opens its consumer slowly is the normal case, not luck.
     */
    static final class CpuLoad implements AutoCloseable {
        private volatile boolean on = true;
        private final List<Thread> threads = new ArrayList<>();

        CpuLoad() {
            for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
                Thread t = new Thread(() -> {
                    long x = 0;
                    while (on) {
                        x += Long.numberOfTrailingZeros(x + System.nanoTime());
                    }
                }, "cpu-load-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        @Override
        public void close() throws InterruptedException {
            on = false;
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    /**
     * A job that cannot run (here: a topic that does not exist) fails after {@code --max-restarts} failures, and
     * {@code flink run} exits non-zero with the cause, instead of restarting for ever while the client waits.
     */
    @Test
    void aJobThatCannotRunFailsWithItsCause() throws Exception {
        long t0 = System.nanoTime();
        FlinkCluster.Run run = flink.flink("run", "-c", "io.rewind.flink.collect.Collect", FlinkCluster.assembly(),
                "--kafka", kafka.bootstrap(), "--decisions", "no-such-topic", "--rewards", "no-such-topic-either",
                "--output", dir.resolve("never").toString(), "--max-restarts", "2");
        assertTrue(run.exit() != 0, run.out());
        assertTrue(run.out().contains("UnknownTopicOrPartitionException"), run.out());
        assertTrue(System.nanoTime() - t0 < 120e9, "failed within two minutes");
    }

    /** Waits (up to 2 minutes) for a completed checkpoint of a job writing to {@code out}. */
    static void awaitCheckpoint(String out) throws Exception {
        Await.until(Duration.ofMinutes(2), "a completed checkpoint", () -> CollectFixtures.lastCheckpoint(out) > 0);
    }

    /** Waits (up to 3 minutes: a restart included) until every id has a committed interaction. */
    static void awaitAll(String out, List<String> ids) throws Exception {
        Await.until(Duration.ofMinutes(3), "every decision committed", () -> CollectFixtures.committed(out, ids));
    }
}
