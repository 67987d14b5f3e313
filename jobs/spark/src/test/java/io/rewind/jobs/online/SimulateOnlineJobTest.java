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
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateOnlineJobTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    @TempDir
    Path dir;

    @Test
    void learnersBeatRandomAndTheirLogsAreValidRewindTables() throws Exception {
        String out = dir.resolve("online").toString();
        JobSummary s = SimulateOnlineJob.run(SPARK, "synthetic", null, List.of("linucb", "epsilon-greedy"), 1500, 3,
                out, TableFormat.PARQUET);
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
}
