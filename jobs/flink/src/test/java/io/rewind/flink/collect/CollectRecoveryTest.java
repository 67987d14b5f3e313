package io.rewind.flink.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.JoinRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The collector through failures and time: an emitted id remembered for its retention and then forgotten,
 * decisions waiting in a checkpoint emitted after a restore, and a failure mid-stream that loses and doubles nothing.
 */
class CollectRecoveryTest extends CollectFixtures {
    /**
     * Emitted ids are remembered for --retain of event time, then forgotten (when the watermark passes the end of
     * the retention on the join's agenda): on monitored folders fed one file at a time, a copy of a decision while
     * its id is remembered is a duplicate, a copy after the watermark has moved well past the retention is a new
     * decision.
     */
    @Test
    void anEmittedIdIsRememberedForTheRetentionAndThenForgotten() throws Exception {
        Path d = tableDir("retain/decisions");
        Path r = tableDir("retain/rewards");
        java.util.function.BiFunction<Integer, Integer, List<String>> fillers = (from, to) -> {
            List<String> l = new ArrayList<>();
            for (int s = from; s <= to; s += 10) {
                l.add(decisionAt("filler-" + s, s));
            }
            return l;
        };
        String out = dir.resolve("retain-out").toString();
        CollectConfig c = new CollectConfig(CollectConfig.Sources.folders(d.toString(), r.toString(), false)
                .withTiming(Duration.ofSeconds(1), Duration.ofMillis(100)), CollectConfig.Sink.of(out),
                new JoinRules(Duration.ofMinutes(1), 0, false, JoinRules.Aggregation.FIRST, 0.8),
                new CollectConfig.EventTime(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMinutes(1)),
                CollectConfig.Execution.of(Duration.ofMillis(200), 1));
        StreamExecutionEnvironment env = env();
        CollectJob.build(env, c, s -> s);
        System.setProperty(JoinOperator.IDLE_NOTICE_SECONDS, "1");
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        var appender = new org.apache.logging.log4j.core.appender.AbstractAppender("captured", null, null, true,
                org.apache.logging.log4j.core.config.Property.EMPTY_ARRAY) {
            @Override
            public void append(org.apache.logging.log4j.core.LogEvent e) {
                logged.add(e.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        var logger = (org.apache.logging.log4j.core.Logger) org.apache.logging.log4j.LogManager.getLogger(
                JoinOperator.class);
        logger.addAppender(appender);
        org.apache.flink.core.execution.JobClient job = env.executeAsync("collect retention");
        try {
            List<String> first = new ArrayList<>(List.of(decisionAt("early", 0), decisionAt("late", 0)));
            first.addAll(fillers.apply(10, 100));
            drop(d.resolve("a.jsonl"), first);
            awaitIds(out, List.of("early", "late"));
            // the fillers from 40 s on wait for their windows (closing past 100 s) and no file brings newer events
            Await.until(Duration.ofSeconds(30), "the idle join's log line",
                    () -> logged.stream().anyMatch(l -> l.contains("waiting for newer data")));
            assertTrue(logged.stream().anyMatch(l -> l.contains("waiting for newer data") && l.contains("--bounded")),
                    "an idle join with waiting ids says why nothing is committed: " + logged);
            // emitted when the watermark passed 60 s, remembered until 120 s; the watermark is at 99 s
            List<String> second = new ArrayList<>(List.of(decisionAt("early", 105)));
            second.addAll(fillers.apply(110, 700));
            drop(d.resolve("b.jsonl"), second);
            awaitIds(out, List.of("filler-600"));
            // the watermark has passed 120 s by far: the id is forgotten and this copy is a new decision
            List<String> third = new ArrayList<>(List.of(decisionAt("late", 710)));
            third.addAll(fillers.apply(720, 900));
            drop(d.resolve("c.jsonl"), third);
            awaitIds(out, List.of("filler-820"));
        } finally {
            job.cancel().get();
            logger.removeAppender(appender);
            System.clearProperty(JoinOperator.IDLE_NOTICE_SECONDS);
        }
        List<String> ids = interactions(Path.of(out)).stream().map(l -> l.split("\\|")[0]).toList();
        assertEquals(2, ids.stream().filter("late"::equals).count(), "the copy after the retention is new: " + ids);
        assertEquals(1, ids.stream().filter("early"::equals).count(), "the copy within the retention is not");
        assertEquals(List.of("decisions|early|" + JoinRules.DUPLICATE_DECISION), quarantine(Path.of(c.sink().quarantine())));
    }

    /**
     * Decisions still waiting for their window to close when a checkpoint is taken survive a failure: the job
     * fails while closing the first of them, restarts from that checkpoint (the decisions come back from the state,
     * not from the files, which the sources had finished) and still emits each once, with its reward.
     */
    @Test
    void decisionsWaitingInACheckpointAreEmittedAfterARestore() throws Exception {
        Path d = tableDir("restore/decisions");
        Path r = tableDir("restore/rewards");
        List<String> waiting = new ArrayList<>();
        List<String> decisions = new ArrayList<>();
        List<String> rewards = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            waiting.add("w" + s);
            decisions.add(decisionAt("w" + s, s));
            rewards.add("{\"event_id\":\"w" + s + "\",\"timestamp\":\"" + T0.plusSeconds(s + 1) + "\",\"reward\":1}");
        }
        for (int s = 10; s <= 30; s += 5) {
            decisions.add(decisionAt("filler-" + s, s));
        }
        String out = dir.resolve("restore-out").toString();
        CollectConfig c = new CollectConfig(CollectConfig.Sources.folders(d.toString(), r.toString(), false)
                .withTiming(Duration.ofMillis(300), Duration.ofMillis(100)), CollectConfig.Sink.of(out),
                new JoinRules(Duration.ofMinutes(1), 0, false, JoinRules.Aggregation.FIRST, 0.8),
                new CollectConfig.EventTime(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMinutes(1)),
                CollectConfig.Execution.of(Duration.ofMillis(200), 2));
        StreamExecutionEnvironment env = env();
        FAILED.set(false);
        CollectJob.build(env, c, s -> s.map(new FailOnFirst()).returns(Joined.class).name("fail-on-first"));
        org.apache.flink.core.execution.JobClient job = env.executeAsync("collect restore");
        try {
            drop(r.resolve("a.jsonl"), rewards);
            drop(d.resolve("a.jsonl"), decisions);
            // the watermark is below 30 s, so no window (60 s) has closed; wait for checkpoints taken since
            int before = lastCheckpoint(out);
            Await.until(Duration.ofMinutes(1), "4 checkpoints", () -> lastCheckpoint(out) >= before + 4);
            List<String> later = new ArrayList<>();
            for (int s = 35; s <= 200; s += 5) {
                later.add(decisionAt("filler-" + s, s));
            }
            drop(d.resolve("b.jsonl"), later);
            // a restored job has no watermark until new events come (Flink does not keep watermarks in
            // checkpoints): if it restarts from a checkpoint taken after b.jsonl was read, later files bring it
            // one later file every half second, as a live folder would receive them
            int[] k = {0};
            long[] lastDrop = {0};
            Await.until(Duration.ofMinutes(1), "a committed interaction for each of " + waiting, () -> {
                if (committed(out, waiting)) {
                    return true;
                }
                if (System.nanoTime() - lastDrop[0] > 500_000_000L) {
                    drop(d.resolve("c" + k[0] + ".jsonl"), List.of(decisionAt("later-" + k[0], 300 + 100 * k[0])));
                    k[0]++;
                    lastDrop[0] = System.nanoTime();
                }
                return false;
            });
        } finally {
            job.cancel().get();
        }
        assertEquals(true, FAILED.get(), "the job failed while closing the first window");
        List<String> rows = interactions(Path.of(out)).stream().filter(l -> l.startsWith("w")).toList();
        assertEquals(waiting, rows.stream().map(l -> l.split("\\|")[0]).toList(), "each waiting decision once");
        assertEquals(10, rows.stream().filter(l -> l.split("\\|")[3].equals("true")).count(), "with its reward");
    }

    static final java.util.concurrent.atomic.AtomicBoolean FAILED = new java.util.concurrent.atomic.AtomicBoolean();

    /** Throws at the first interaction it sees, once per test run. */
    static final class FailOnFirst implements MapFunction<Joined, Joined> {
        @Override
        public Joined map(Joined j) {
            if (FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure");
            }
            return j;
        }
    }

    static final AtomicInteger SEEN = new AtomicInteger();

    /** Fails once, after a few interactions, in the first attempt only. */
    static final class FailOnce implements MapFunction<Joined, Joined> {
        @Override
        public Joined map(Joined j) throws Exception {
            Thread.sleep(40);
            if (SEEN.incrementAndGet() == 25) {
                throw new IllegalStateException("injected failure");
            }
            return j;
        }
    }

    @Test
    void aFailureMidStreamLosesAndDoublesNothing() throws Exception {
        Path in = folders();
        CollectConfig c = config(in.resolve("decisions").toString(), in.resolve("rewards").toString(), null);
        StreamExecutionEnvironment env = env();
        SEEN.set(0);
        CollectJob.build(env, c, s -> s.map(new FailOnce()).returns(Joined.class).name("fail-once"));
        env.execute("collect with a failure");
        assertEquals(true, SEEN.get() > 25, "the job failed once and went on");
        assertGolden(c);
    }
}
