package io.rewind.jobs.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.JobSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import io.rewind.rl.sim.SyntheticMovieLens;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateOnlineJobTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    static final Environments.Settings SETTINGS = new Environments.Settings(null, 100, 5, 100, 4, false);

    @TempDir
    Path dir;

    @Test
    void learnersBeatRandomAndTheirLogsAreValidRewindTables() throws Exception {
        String out = dir.resolve("online").toString();
        JobSummary s = SimulateOnlineJob.run(() -> SPARK, "synthetic", SETTINGS, List.of("linucb", "epsilon-greedy"),
                1500, 3, out, Optional.of(TableFormat.PARQUET));
        double random = ((Number) s.get("cumulative_regret_random")).doubleValue();
        for (String l : List.of("linucb", "epsilon-greedy")) {
            double regret = ((Number) s.get("cumulative_regret_" + l)).doubleValue();
            assertTrue(regret < random / 2, l + " " + regret + " vs random " + random);
            ReadResult d = TableReader.read(SPARK, Tables.DECISIONS, TableFormat.PARQUET, out + "/" + l + "/decisions");
            assertEquals(1500, d.validCount(), "every logged decision is a valid row, probabilities included");
            assertEquals(0, d.quarantinedCount());
        }
        List<String> lines = Files.readAllLines(Path.of(out, "regret.csv"));
        assertEquals(1 + 3 * 1500, lines.size());
        assertTrue(Files.size(Path.of(out, "regret.png")) > 1000);
    }

    @Test
    void cascadeTopKLogsSlatesWithSlotProbabilitiesAndClicks() throws Exception {
        Path ml = dir.resolve("ml");
        SyntheticMovieLens.write(ml, 20, 200, 40, 4);
        String out = dir.resolve("cascade").toString();
        JobSummary s = SimulateOnlineJob.run(() -> SPARK, "movielens", new Environments.Settings(ml.toString(), 20, 5, 20,
                4, false), List.of("regcb-opt:mellowness=0.01"), 800, 3, out, Optional.of(TableFormat.JSONL));
        double random = ((Number) s.get("cumulative_regret_random")).doubleValue();
        double regcb = ((Number) s.get("cumulative_regret_regcb-opt_mellowness-0.01")).doubleValue();
        assertTrue(regcb < random / 2, "regcb-opt " + regcb + " vs random " + random);
        ReadResult d = TableReader.read(SPARK, Tables.DECISIONS, TableFormat.JSONL, out + "/random/decisions");
        assertEquals(800, d.validCount());
        Row first = d.valid().orderBy("timestamp").first();
        assertEquals(5, first.getList(first.fieldIndex("slate")).size());
        List<Double> slotProbs = first.getList(first.fieldIndex("slot_probs"));
        assertEquals(List.of(1 / 20.0, 1 / 19.0, 1 / 18.0, 1 / 17.0, 1 / 16.0), slotProbs,
                "random ranking: each slot uniform over the items not yet ranked");
        ReadResult r = TableReader.read(SPARK, Tables.REWARDS, TableFormat.JSONL, out + "/random/rewards");
        long clicked = r.valid().filter("click_position is not null").count();
        long rewarded = r.valid().filter("reward = 1").count();
        assertEquals(rewarded, clicked, "a reward of 1 is a click");
        assertTrue(clicked > 0 && clicked < 800);
    }

    @Test
    void withoutLogsNoSparkSessionIsStarted() throws Exception {
        String out = dir.resolve("no-logs").toString();
        JobSummary s = SimulateOnlineJob.run(() -> {
            throw new AssertionError("a run without logs asked for a Spark session");
        }, "synthetic", SETTINGS, List.of("greedy"), 500, 3, out, Optional.empty());
        assertTrue(((Number) s.get("cumulative_regret_greedy")).doubleValue() >= 0);
        assertEquals(1 + 2 * 500, Files.readAllLines(Path.of(out, "regret.csv")).size());
        assertTrue(!Files.exists(Path.of(out, "greedy")), "no logs written");
    }
}
