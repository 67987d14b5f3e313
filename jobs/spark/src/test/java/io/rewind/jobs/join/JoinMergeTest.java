package io.rewind.jobs.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.JoinRules;
import io.rewind.formats.JsonCodec;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daily joins into one output, as a pipeline runs them: a later log touching an earlier date adds to it, a re-run
 * changes nothing, the quarantine keeps every day's rows, and only {@code --replace-dates} replaces a date.
 */
class JoinMergeTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final Instant DAY1 = Instant.parse("2026-11-20T12:00:00Z");
    static final Instant LATE_DAY1 = Instant.parse("2026-11-20T23:59:00Z");

    @TempDir
    Path dir;

    /** A log of {@code n} decisions from {@code t}, one a second, each rewarded 5 s later, and one malformed line. */
    Path log(String name, String prefix, Instant t, int n) throws IOException {
        List<String> d = new ArrayList<>();
        List<String> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant at = t.plusSeconds(i);
            d.add(JsonCodec.encodeLine(Tables.DECISIONS, JoinJobTest.decision(prefix + i, at)));
            r.add(JsonCodec.encodeLine(Tables.REWARDS, JoinJobTest.reward(prefix + i, at.plusSeconds(5), 1.0)));
        }
        d.add("{\"event_id\": \"" + prefix + "broken\", \"timestamp\": \"" + t + "\", \"actions\": 7}");
        Path logs = Files.createDirectories(dir.resolve(name));
        Files.write(logs.resolve("decisions.jsonl"), d);
        Files.write(logs.resolve("rewards.jsonl"), r);
        return logs;
    }

    JoinConfig join(Path logs, TableFormat format, boolean replaceDates) {
        String out = dir.resolve("interactions").toString();
        return new JoinConfig(List.of(logs.resolve("decisions.jsonl").toString()), TableFormat.JSONL,
                List.of(logs.resolve("rewards.jsonl").toString()), TableFormat.JSONL, out, format,
                JoinConfig.defaultQuarantine(out), JoinConfig.defaultSummary(out),
                new JoinRules(Duration.ofMinutes(1), 0, false, JoinRules.Aggregation.FIRST, 0.8), 0.5, replaceDates);
    }

    /** date -> rows in it. */
    static Map<String, Long> perDate(String path, TableFormat format) {
        Map<String, Long> out = new TreeMap<>();
        for (Row r : SPARK.read().format(format.cliName()).load(path).selectExpr("cast(date as string)")
                .groupBy("date").count().collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    static List<String> sorted(String path, TableFormat format) {
        List<String> rows = new ArrayList<>();
        for (Row r : SPARK.read().format(format.cliName()).load(path).collectAsList()) {
            rows.add(r.toString());
        }
        rows.sort(null);
        return rows;
    }

    @ParameterizedTest
    @EnumSource(value = TableFormat.class, names = {"DELTA", "PARQUET"})
    void aLaterLogMergesIntoTheDatesItTouchesAndReplacingADateNeedsTheOption(TableFormat format) throws IOException {
        Path day1 = log("day1", "a", DAY1, 40);
        Path day2 = log("day2", "b", LATE_DAY1, 3); // three decisions at 23:59 of day 1, the rest of day 2's log
        JoinConfig first = join(day1, format, false);
        JoinJob.run(SPARK, first);
        assertEquals(Map.of("2026-11-20", 40L), perDate(first.output(), format));

        JoinConfig second = join(day2, format, false);
        JoinJob.run(SPARK, second);
        assertEquals(Map.of("2026-11-20", 43L), perDate(first.output(), format), "day 1 keeps its 40 rows");
        List<String> merged = sorted(first.output(), format);
        JoinJob.run(SPARK, second);
        assertEquals(merged, sorted(first.output(), format), "a re-run of the same input changes nothing");

        String decisionsQuarantine = first.quarantine() + "/decisions";
        List<String> quarantined = new ArrayList<>();
        for (Row r : SPARK.read().format(format.cliName()).load(decisionsQuarantine).select("raw")
                .collectAsList()) {
            quarantined.add(r.getString(0).substring(14, 21));
        }
        quarantined.sort(null);
        assertEquals(List.of("abroken", "bbroken"), quarantined, "day 1's quarantined row is still there");

        JoinJob.run(SPARK, join(day2, format, true));
        assertEquals(Map.of("2026-11-20", 3L), perDate(first.output(), format), "--replace-dates replaced the date");
        assertFalse(Files.list(Path.of(first.output())).anyMatch(p -> p.getFileName().toString()
                .startsWith("_staging")), "no staging folder left behind");
    }

    @org.junit.jupiter.api.Test
    void twoJoinsIntoOneNewDeltaOutputNeverLeaveAMixedTable() throws Exception {
        JoinConfig a = join(log("a", "a", DAY1, 20), TableFormat.DELTA, false);
        JoinConfig b = join(log("b", "b", DAY1, 30), TableFormat.DELTA, false);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var fa = pool.submit(() -> JoinJob.run(SPARK, a));
        var fb = pool.submit(() -> JoinJob.run(SPARK, b));
        List<String> failures = new ArrayList<>();
        for (var f : List.of(fa, fb)) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause() instanceof io.rewind.formats.spark.OutputFailedException, e.getCause()
                        .toString());
                assertTrue(e.getCause().getMessage().contains("another job wrote"), e.getCause().getMessage());
                failures.add(e.getCause().getMessage());
            }
        }
        pool.shutdown();
        long rows = SPARK.read().format("delta").load(a.output()).count();
        if (failures.isEmpty()) {
            assertEquals(50, rows, "both committed one after the other: both logs' rows");
        } else {
            assertEquals(1, failures.size(), failures.toString());
            assertTrue(rows == 20 || rows == 30, "exactly the winner's rows, never a mix: " + rows);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TableFormat.class, names = {"DELTA", "PARQUET"})
    void anOutputOfAnotherKindIsRefused(TableFormat format) throws IOException {
        Path day1 = log("day1", "a", DAY1, 5);
        JoinConfig c = join(day1, format, false);
        Files.writeString(Path.of(c.output()), "not a table");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> JoinJob.run(SPARK, c));
        assertTrue(e.getMessage().contains(c.output() + " is an existing file"), e.getMessage());
        assertEquals("not a table", Files.readString(Path.of(c.output())), "the file is untouched");

        Files.delete(Path.of(c.output()));
        String oldQuarantine = c.quarantine() + "/decisions"; // unpartitioned, as Rewind wrote it before
        SPARK.range(1).selectExpr("'x' AS reason").write().format(format.cliName()).save(oldQuarantine);
        IllegalArgumentException old = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> JoinJob.run(SPARK, c));
        assertTrue(old.getMessage().contains("is a table without date partitions"), old.getMessage());
    }
}
