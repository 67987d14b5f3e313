package io.rewind.jobs.join;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rewind.formats.JoinRules;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The join's answer on the shared log in {@code formats/src/test/resources/join-golden}: the Flink collector is
 * checked against the same expected rows, so the two engines cannot drift apart.
 */
class GoldenJoinTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final Path GOLDEN = Path.of("..", "..", "formats", "src", "test", "resources", "join-golden");

    @TempDir
    Path dir;

    /** The golden log and the malformed-row corpus as a log (the collector is checked against the same files). */
    @ParameterizedTest
    @ValueSource(strings = {"join-golden", "join-golden-malformed"})
    void theSparkJoinGivesTheGoldenAnswer(String log) throws Exception {
        Path golden = GOLDEN.resolveSibling(log);
        String out = dir.resolve("interactions").toString();
        JoinJob.run(SPARK, new JoinConfig(List.of(golden.resolve("decisions.jsonl").toString()), TableFormat.JSONL,
                List.of(golden.resolve("rewards.jsonl").toString()), TableFormat.JSONL, out, TableFormat.PARQUET,
                JoinConfig.defaultQuarantine(out), JoinConfig.defaultSummary(out),
                new JoinRules(Duration.ofMinutes(10), 0, false, JoinRules.Aggregation.FIRST, 0.8), 1.0));
        List<String> interactions = new ArrayList<>();
        for (Row r : SPARK.read().parquet(out).selectExpr("event_id", "action", "reward", "reward_observed",
                "reward_count", "date_format(reward_timestamp, \"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'\")", "split",
                "cast(date as string)", "hour").orderBy("event_id").collectAsList()) {
            interactions.add(interaction(r.getString(0), r.getString(1), r.getDouble(2), r.getBoolean(3), r.getInt(4),
                    r.getString(5), r.getString(6), r.getString(7), r.getInt(8)));
        }
        List<String> quarantine = new ArrayList<>();
        for (String table : List.of("decisions", "rewards")) {
            Path q = Path.of(JoinConfig.defaultQuarantine(out), table);
            if (Files.exists(q)) {
                for (Row r : SPARK.read().parquet(q.toString()).select("event_id", "reason").collectAsList()) {
                    quarantine.add(table + "|" + r.getString(0) + "|" + r.getString(1));
                }
            }
        }
        quarantine.sort(null);
        check(golden, "expected-interactions.txt", interactions);
        check(golden, "expected-quarantine.txt", quarantine);
    }

    /** One interaction as the golden files write it (the Flink test formats its rows the same way). */
    static String interaction(String eventId, String action, double reward, boolean observed, int count,
                              String rewardTimestamp, String split, String date, int hour) {
        return String.format(java.util.Locale.ROOT, "%s|%s|%.3f|%s|%d|%s|%s|%s|%d", eventId, action, reward, observed,
                count, rewardTimestamp, split, date, hour);
    }

    static void check(Path golden, String file, List<String> actual) throws Exception {
        Path expected = golden.resolve(file);
        if (Boolean.getBoolean("rewind.golden.write")) {
            Files.write(expected, actual);
        }
        assertEquals(Files.readAllLines(expected), actual, file + " differs from the Spark join's answer");
    }
}
