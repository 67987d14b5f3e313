package io.rewind.jobs.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.JobSummary;
import io.rewind.rl.sim.LoggedBanditConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateJobTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    @TempDir
    Path dir;

    static LoggedBanditConfig config(double malformed) {
        return new LoggedBanditConfig(3000, 4, 3, 11, "epsilon-greedy", 0.3, Instant.parse("2026-03-01T00:00:00Z"),
                5, 20, 0.1, 0.05, malformed);
    }

    @Test
    void malformedRowsAreExactlyTheOnesQuarantinedInEveryFormat() {
        for (TableFormat f : List.of(TableFormat.JSONL, TableFormat.CSV, TableFormat.PARQUET)) {
            String out = dir.resolve("sim-" + f.cliName()).toString();
            JobSummary s = SimulateJob.run(SPARK, config(0.05), out, f, 3);
            ReadResult d = TableReader.read(SPARK, Tables.DECISIONS, f, out + "/decisions");
            ReadResult r = TableReader.read(SPARK, Tables.REWARDS, f, out + "/rewards");
            assertEquals(3000, d.total(), f.cliName());
            assertEquals(s.count("rewards"), r.total(), f.cliName());
            assertEquals(s.count("malformed_decisions"), d.quarantinedCount(), f.cliName());
            assertEquals(s.count("malformed_rewards"), r.quarantinedCount(), f.cliName());
            assertTrue(d.quarantinedCount() > 100 && d.quarantinedCount() < 200, "about 5%: " + d.quarantinedCount());
        }
    }

    @Test
    void theSameDataHoweverItIsPartitioned() {
        String a = dir.resolve("one").toString();
        String b = dir.resolve("five").toString();
        SimulateJob.run(SPARK, config(0.0), a, TableFormat.PARQUET, 1);
        SimulateJob.run(SPARK, config(0.0), b, TableFormat.PARQUET, 5);
        for (String t : List.of("decisions", "rewards")) {
            List<Row> x = SPARK.read().parquet(a + "/" + t).orderBy("event_id", "timestamp").collectAsList();
            List<Row> y = SPARK.read().parquet(b + "/" + t).orderBy("event_id", "timestamp").collectAsList();
            assertEquals(x.toString(), y.toString(), t);
        }
    }

    @Test
    void loggedProbabilitiesAreThePolicysAndTheRewardIsTheClass() {
        String out = dir.resolve("probs").toString();
        SimulateJob.run(SPARK, config(0.0), out, TableFormat.PARQUET, 2);
        // epsilon-greedy over 3 arms with epsilon 0.3: the greedy arm has 0.8, the others 0.1
        List<Row> probs = SPARK.read().parquet(out + "/decisions").selectExpr("action_prob").distinct()
                .orderBy("action_prob").collectAsList();
        assertEquals(2, probs.size());
        assertEquals(0.1, probs.get(0).getDouble(0), 1e-12);
        assertEquals(0.8, probs.get(1).getDouble(0), 1e-12);
        double meanReward = SPARK.read().parquet(out + "/rewards").selectExpr("avg(reward)").first().getDouble(0);
        assertTrue(meanReward > 1 / 3.0 + 0.1, "the greedy classifier beats chance: " + meanReward);
    }
}
