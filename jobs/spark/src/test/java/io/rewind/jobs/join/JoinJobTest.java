package io.rewind.jobs.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Candidate;
import io.rewind.formats.JoinRules;
import io.rewind.formats.JsonCodec;
import io.rewind.formats.Split;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Join semantics on hand-written logs: every case of the window, repeats, orphans and duplicates. */
class JoinJobTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final Instant T = Instant.parse("2026-11-20T23:59:00Z");

    @TempDir
    static Path dir;
    static String decisions;
    static String rewards;

    static Object[] decision(String id, Instant t) {
        return Tables.DECISIONS.row("event_id", id, "timestamp", t, "model_id", "m0", "context", new double[] {1, 2},
                "actions", List.of(new Candidate("a", null), new Candidate("b", null)), "action", "a", "action_prob",
                0.5, "sample_prob", 0.3, "action_probs", new double[] {0.5, 0.5});
    }

    static Object[] reward(String id, Instant t, double r) {
        return Tables.REWARDS.row("event_id", id, "timestamp", t, "reward", r);
    }

    @BeforeAll
    static void writeLogs() throws Exception {
        List<String> d = new ArrayList<>();
        for (String id : List.of("in-window", "late", "never", "repeated")) {
            d.add(JsonCodec.encodeLine(Tables.DECISIONS, decision(id, T)));
        }
        d.add(JsonCodec.encodeLine(Tables.DECISIONS, decision("dup", T)));
        d.add(JsonCodec.encodeLine(Tables.DECISIONS, decision("dup", T.plusSeconds(1))));
        d.add(JsonCodec.encodeLine(Tables.DECISIONS, decision("next-day", T.plusSeconds(120))));
        d.add("{\"event_id\": \"broken\", \"timestamp\": ");
        List<String> r = new ArrayList<>();
        r.add(JsonCodec.encodeLine(Tables.REWARDS, reward("in-window", T.plusSeconds(10), 1.0)));
        r.add(JsonCodec.encodeLine(Tables.REWARDS, reward("late", T.plusSeconds(61), 1.0)));
        r.add(JsonCodec.encodeLine(Tables.REWARDS, reward("repeated", T.plusSeconds(20), 2.0)));
        r.add(JsonCodec.encodeLine(Tables.REWARDS, reward("repeated", T.plusSeconds(5), 0.5)));
        r.add(JsonCodec.encodeLine(Tables.REWARDS, reward("repeated", T.plusSeconds(30), 1.0)));
        r.add(JsonCodec.encodeLine(Tables.REWARDS, reward("ghost", T, 1.0)));
        r.add(JsonCodec.encodeLine(Tables.REWARDS, reward("dup", T.plusSeconds(2), 1.0)));
        r.add(JsonCodec.encodeLine(Tables.REWARDS, reward("next-day", T.plusSeconds(150), 1.0)));
        r.add("{\"event_id\": \"nan\", \"timestamp\": \"2026-11-20T10:00:00Z\", \"reward\": NaN}");
        Files.createDirectories(dir.resolve("logs"));
        decisions = Files.write(dir.resolve("logs/decisions.jsonl"), d).toString();
        rewards = Files.write(dir.resolve("logs/rewards.jsonl"), r).toString();
    }

    static JoinConfig config(String name, TableFormat out, JoinRules.Aggregation agg, boolean drop, double maxBad) {
        String output = dir.resolve(name).toString();
        return new JoinConfig(List.of(decisions), TableFormat.JSONL, List.of(rewards), TableFormat.JSONL, output, out,
                JoinConfig.defaultQuarantine(output), JoinConfig.defaultSummary(output),
                new JoinRules(Duration.ofSeconds(60), 0.0, drop, agg, 0.8), maxBad);
    }

    /** event_id -> interaction row, read back from what the job wrote. */
    static Map<String, Row> output(JoinConfig c) {
        Map<String, Row> out = new HashMap<>();
        for (Row r : SPARK.read().format(c.outputFormat().cliName()).load(c.output()).collectAsList()) {
            assertNull(out.put(r.getAs("event_id"), r), "one row per event");
        }
        return out;
    }

    @Test
    void joinsEveryCaseAndRerunsToTheSameOutput() {
        JoinConfig c = config("interactions", TableFormat.DELTA, JoinRules.Aggregation.FIRST, false, 0.5);
        JobSummary s = JoinJob.run(SPARK, c);
        Map<String, Row> out = output(c);
        assertEquals(new TreeSet<>(List.of("in-window", "late", "never", "repeated", "dup", "next-day")),
                new TreeSet<>(out.keySet()));
        assertReward(out.get("in-window"), 1.0, true, 1);
        assertEquals(T.plusSeconds(10), ((java.sql.Timestamp) out.get("in-window").getAs("reward_timestamp"))
                .toInstant());
        assertReward(out.get("late"), 0.0, false, 0);
        assertReward(out.get("never"), 0.0, false, 0);
        assertReward(out.get("repeated"), 0.5, true, 3); // the earliest of three
        assertReward(out.get("dup"), 1.0, true, 1);
        assertEquals(T, ((java.sql.Timestamp) out.get("dup").getAs("timestamp")).toInstant(), "first copy kept");
        assertEquals("2026-11-20", out.get("in-window").getAs("date"));
        assertEquals(23, (int) out.get("in-window").getAs("hour"));
        assertEquals("2026-11-21", out.get("next-day").getAs("date"));
        for (Row r : out.values()) {
            assertEquals(Split.of(r.getAs("event_id"), 0.8), r.getAs("split"));
        }

        assertEquals(8, s.count("decisions"));
        assertEquals(9, s.count("rewards"));
        assertEquals(4, s.count("joined"));
        assertEquals(2, s.count("defaulted"));
        assertEquals(6, s.count("interactions"));
        assertEquals(1, s.count("late"));
        assertEquals(1, s.count("orphaned"));
        assertEquals(1, s.count("duplicate_decisions"));
        assertEquals(1, s.count("invalid_decisions"));
        assertEquals(1, s.count("invalid_rewards"));
        assertEquals(5, s.count("quarantined"));
        assertEquals(6, s.count("rewards_used"));

        Map<String, String> decisionReasons = reasons(c.quarantine() + "/decisions", TableFormat.DELTA);
        assertEquals(JoinRules.DUPLICATE_DECISION, decisionReasons.get("dup"));
        assertTrue(decisionReasons.get(null).startsWith("line: malformed JSON"), decisionReasons.toString());
        Map<String, String> rewardReasons = reasons(c.quarantine() + "/rewards", TableFormat.DELTA);
        assertEquals(JoinRules.LATE_REWARD, rewardReasons.get("late"));
        assertEquals(JoinRules.ORPHAN_REWARD, rewardReasons.get("ghost"));
        assertEquals("reward: must be finite, was NaN", rewardReasons.get("nan"));

        List<String> before = sorted(c);
        JoinJob.run(SPARK, c);
        assertEquals(before, sorted(c), "a re-run writes the same rows, no duplicates");
        assertTrue(Files.exists(Path.of(c.summary())));
    }

    /**
     * A log with epoch milliseconds of 1971 (read as seconds by magnitude: the year 2984, refused): with
     * {@code --timestamp-unit ms} it joins, under its own date.
     */
    @Test
    void aGivenTimestampUnitReadsEpochNumbersTheMagnitudeWouldMisread() throws Exception {
        Instant t = Instant.parse("1971-01-07T10:00:00Z");
        Path logs = Files.createDirectories(dir.resolve("ms-logs"));
        String d = Files.write(logs.resolve("decisions.jsonl"), List.of(JsonCodec.encodeLine(Tables.DECISIONS,
                decision("ms", t)).replace("\"" + t + "\"", String.valueOf(t.toEpochMilli())))).toString();
        String r = Files.write(logs.resolve("rewards.jsonl"), List.of("{\"event_id\":\"ms\",\"timestamp\":"
                + t.plusSeconds(5).toEpochMilli() + ",\"reward\":1}")).toString();
        assertTrue(Files.readString(Path.of(d)).contains(String.valueOf(t.toEpochMilli())), "an epoch number");
        String output = dir.resolve("ms-interactions").toString();
        JoinRules rules = new JoinRules(Duration.ofSeconds(60), 0.0, false, JoinRules.Aggregation.FIRST, 0.8);
        assertThrows(BadFractionExceededException.class, () -> JoinJob.run(SPARK, new JoinConfig(List.of(d),
                TableFormat.JSONL, List.of(r), TableFormat.JSONL, output + "-auto", TableFormat.DELTA,
                output + "-auto_quarantine", output + "-auto_summary.json", rules, 0.5)), "by magnitude: refused");
        JoinConfig ms = new JoinConfig(List.of(d), TableFormat.JSONL, List.of(r), TableFormat.JSONL, output,
                TableFormat.DELTA, JoinConfig.defaultQuarantine(output), JoinConfig.defaultSummary(output), rules, 0.5,
                false, io.rewind.formats.TimestampUnit.MILLISECONDS);
        JoinJob.run(SPARK, ms);
        Row row = output(ms).get("ms");
        assertEquals(t, row.<java.sql.Timestamp>getAs("timestamp").toInstant());
        assertEquals(true, row.getAs("reward_observed"));
        assertEquals("1971-01-07", String.valueOf(row.<Object>getAs("date")));
    }

    @Test
    void lastSumAndDropUnrewarded() {
        JoinConfig last = config("last", TableFormat.PARQUET, JoinRules.Aggregation.LAST, false, 0.5);
        JoinJob.run(SPARK, last);
        assertReward(output(last).get("repeated"), 1.0, true, 3);
        io.rewind.formats.spark.ReadResult back = io.rewind.formats.spark.TableReader.read(SPARK,
                Tables.INTERACTIONS, TableFormat.PARQUET, last.output());
        assertEquals(6, back.validCount(), "the date-partitioned Parquet output reads back as interactions");

        JoinConfig sum = config("sum", TableFormat.PARQUET, JoinRules.Aggregation.SUM, true, 0.5);
        JobSummary s = JoinJob.run(SPARK, sum);
        Map<String, Row> out = output(sum);
        assertReward(out.get("repeated"), 3.5, true, 3);
        assertEquals(T.plusSeconds(30), ((java.sql.Timestamp) out.get("repeated").getAs("reward_timestamp"))
                .toInstant());
        assertFalse(out.containsKey("never"));
        assertFalse(out.containsKey("late"));
        assertEquals(2, s.count("dropped_unrewarded"));
        assertEquals(0, s.count("defaulted"));
        assertEquals(4, s.count("interactions"));
    }

    @Test
    void tooManyBadRowsFailsLoudlyAndWritesNoOutput() {
        JoinConfig c = config("strict", TableFormat.PARQUET, JoinRules.Aggregation.FIRST, false, 0.1);
        BadFractionExceededException e = assertThrows(BadFractionExceededException.class, () -> JoinJob.run(SPARK, c));
        assertTrue(e.getMessage().contains("29.41% of the input rows were quarantined (5 of 17), over"
                + " --max-bad-fraction 0.1"), e.getMessage());
        assertFalse(Files.exists(Path.of(c.output())), "no interactions written");
        assertTrue(Files.exists(Path.of(c.quarantine(), "rewards")), "quarantine written for diagnosis");
        assertTrue(Files.exists(Path.of(c.summary())));
    }

    static void assertReward(Row r, double reward, boolean observed, int count) {
        assertEquals(reward, (double) r.getAs("reward"), 1e-12, r.toString());
        assertEquals(observed, r.getAs("reward_observed"), r.toString());
        assertEquals(count, (int) r.getAs("reward_count"), r.toString());
    }

    static Map<String, String> reasons(String path, TableFormat f) {
        Map<String, String> out = new HashMap<>();
        for (Row r : SPARK.read().format(f.cliName()).load(path).select("event_id", "reason").collectAsList()) {
            out.put(r.getString(0), r.getString(1));
        }
        return out;
    }

    static List<String> sorted(JoinConfig c) {
        List<String> rows = new ArrayList<>();
        for (Row r : SPARK.read().format(c.outputFormat().cliName()).load(c.output()).collectAsList()) {
            rows.add(r.toString());
        }
        rows.sort(null);
        return rows;
    }
}
