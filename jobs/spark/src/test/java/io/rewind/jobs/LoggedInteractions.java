package io.rewind.jobs;

import io.rewind.formats.JoinRules;
import io.rewind.formats.TableFormat;
import io.rewind.jobs.join.JoinConfig;
import io.rewind.jobs.join.JoinJob;
import io.rewind.jobs.simulate.SimulateJob;
import io.rewind.rl.sim.LoggedBanditConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The test fixture several job tests share: a uniform logger over 4 arms with reward 1 for the context's class,
 * simulated and joined into a Parquet interactions table.
 */
public final class LoggedInteractions {
    public static final LoggedBanditConfig SIM = new LoggedBanditConfig(6000, 4, 4, 21, "uniform", 0.2,
            Instant.parse("2026-05-01T00:00:00Z"), 10, 5, 0.0, 0.0, 0.0);

    private LoggedInteractions() {
    }

    /** Simulates {@link #SIM} under {@code dir} and returns the joined interactions' path. */
    public static String write(SparkSession spark, Path dir) {
        String logs = dir.resolve("logs").toString();
        SimulateJob.run(spark, SIM, logs, TableFormat.PARQUET, 2);
        String interactions = dir.resolve("interactions").toString();
        JoinJob.run(spark, new JoinConfig(List.of(logs + "/decisions"), TableFormat.PARQUET,
                List.of(logs + "/rewards"), TableFormat.PARQUET, interactions, TableFormat.PARQUET,
                JoinConfig.defaultQuarantine(interactions), JoinConfig.defaultSummary(interactions),
                new JoinRules(Duration.ofDays(1), 0, false, JoinRules.Aggregation.FIRST, 0.5), 0.01));
        return interactions;
    }
}
