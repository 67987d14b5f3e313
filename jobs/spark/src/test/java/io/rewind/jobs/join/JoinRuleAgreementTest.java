package io.rewind.jobs.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.JoinRules;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark join's SQL against the join's one rule ({@link JoinRules#join}, which the Flink collector calls): on
 * random logs with rewards on and around the window's edge, ties in time across files, and every aggregation, each
 * interaction is what the rule says, and the late rewards are the ones it finds late.
 */
class JoinRuleAgreementTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final long WINDOW_MICROS = 10_000_000;

    @TempDir
    static Path dir;

    /** A reward as written: which decision, when, what, and where in the input. */
    record Written(String eventId, long micros, double reward, String file, long line) {
    }

    @Test
    void everyInteractionIsWhatTheRuleSays() throws Exception {
        SplittableRandom rng = new SplittableRandom(11);
        long start = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli() * 1000;
        Map<String, Long> decisions = new HashMap<>();
        List<String> decisionLines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "e" + i;
            long t = start + i * 1_000_000L;
            decisions.put(id, t);
            decisionLines.add("{\"event_id\":\"" + id + "\",\"timestamp\":\"" + Instant.EPOCH.plusNanos(t * 1000)
                    + "\",\"actions\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"action\":\"a\",\"action_prob\":0.5}");
        }
        Files.createDirectories(dir.resolve("decisions"));
        Files.write(dir.resolve("decisions/part-0.jsonl"), decisionLines);
        Files.createDirectories(dir.resolve("rewards"));
        List<Written> written = new ArrayList<>();
        for (String file : List.of("part-a.jsonl", "part-b.jsonl")) {
            String path = dir.resolve("rewards").resolve(file).toUri().toString();
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                if (rng.nextDouble() < 0.4) {
                    continue;
                }
                long t = decisions.get("e" + i) + switch (rng.nextInt(4)) {
                    case 0 -> WINDOW_MICROS;
                    case 1 -> WINDOW_MICROS + 1;
                    case 2 -> 3_000_000;
                    default -> rng.nextLong(2 * WINDOW_MICROS);
                };
                double reward = rng.nextInt(4) / 4.0;
                lines.add("{\"event_id\":\"e" + i + "\",\"timestamp\":\"" + Instant.EPOCH.plusNanos(t * 1000)
                        + "\",\"reward\":" + reward + "}");
                written.add(new Written("e" + i, t, reward, path, lines.size()));
            }
            Files.write(dir.resolve("rewards").resolve(file), lines);
        }
        Comparator<Written> order = Comparator.comparingLong(Written::micros).thenComparing(Written::file)
                .thenComparingLong(Written::line);
        for (JoinRules.Aggregation agg : JoinRules.Aggregation.values()) {
            JoinRules rules = new JoinRules(Duration.ofSeconds(10), -1, false, agg, 0.8);
            String output = dir.resolve("out-" + agg).toString();
            JobSummary s = JoinJob.run(SPARK, new JoinConfig(List.of(dir.resolve("decisions").toString()),
                    TableFormat.JSONL, List.of(dir.resolve("rewards").toString()), TableFormat.JSONL, output,
                    TableFormat.PARQUET, JoinConfig.defaultQuarantine(output), JoinConfig.defaultSummary(output), rules,
                    0.5));
            Map<String, Row> rows = new HashMap<>();
            for (Row r : SPARK.read().parquet(output).collectAsList()) {
                rows.put(r.getAs("event_id"), r);
            }
            assertEquals(300, rows.size());
            long late = 0;
            for (Map.Entry<String, Long> d : decisions.entrySet()) {
                List<Written> mine = written.stream().filter(w -> w.eventId().equals(d.getKey())).toList();
                JoinRules.Outcome<Written> o = rules.join(d.getValue(), mine, Written::micros, Written::reward, order);
                late += o.late().size();
                Row r = rows.get(d.getKey());
                String what = agg + " " + d.getKey() + " " + mine;
                assertEquals(o.observed(), r.<Boolean>getAs("reward_observed"), what);
                assertEquals(o.reward(), r.<Double>getAs("reward"), 1e-12, what);
                assertEquals(o.used().size(), r.<Integer>getAs("reward_count").intValue(), what);
                if (o.chosen() != null) {
                    Instant ts = ((java.sql.Timestamp) r.getAs("reward_timestamp")).toInstant();
                    assertEquals(o.chosen().micros(), ts.getEpochSecond() * 1_000_000 + ts.getNano() / 1000, what);
                }
            }
            assertEquals(late, s.count("late"), agg + ": the rule's late rewards are the join's");
            assertTrue(late > 20, "the corpus has late rewards: " + late);
        }
    }
}
