package io.rewind.cli;

import io.delta.tables.DeltaTable;
import io.rewind.formats.Json;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.registry.Registry;
import io.rewind.jobs.registry.RunState;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * {@code --registry} and {@code --experiment} for any job: with them, the job is recorded as a run in the registry,
 * with its input and output paths (and their Delta versions), its summary, and SUCCEEDED or FAILED.
 */
public final class RegistryRunOptions {
    @Option(names = "--registry", description = "record this run in the registry (with --experiment)")
    String registry;

    @Option(names = "--experiment", description = "the experiment the run belongs to")
    String experiment;

    /**
     * Checks that need no Spark: run now, before Spark starts, when the run is not recorded; when it is, they run
     * inside the recorded run ({@link #record}), so their failure is in the registry too.
     */
    void checkBeforeSpark(Runnable checks) {
        if (registry == null) {
            checks.run();
        }
    }

    /** {@link #record} with the checks of {@link #checkBeforeSpark} first inside the recorded run. */
    JobSummary record(SparkSession spark, String kind, List<String> inputs, String output, Runnable checks,
                      Supplier<JobSummary> job) {
        return record(spark, kind, inputs, output, () -> {
            if (registry != null) {
                checks.run();
            }
            return job.get();
        });
    }

    JobSummary record(SparkSession spark, String kind, List<String> inputs, String output, Supplier<JobSummary> job) {
        if (registry == null) {
            return job.get();
        }
        if (experiment == null) {
            throw new IllegalArgumentException("--registry needs --experiment");
        }
        Registry r = new Registry(spark, registry);
        String run = r.startRun(experiment, kind, paths(spark, inputs));
        try {
            JobSummary s = job.get();
            r.finishRun(run, RunState.SUCCEEDED, paths(spark, output == null ? List.of() : List.of(output)),
                    s.toJson(), null);
            return s;
        } catch (RuntimeException e) {
            r.finishRun(run, RunState.FAILED, null, null, String.valueOf(e.getMessage()));
            throw e;
        }
    }

    /** [{"path": ..., "delta_version": n or null}, ...] */
    static String paths(SparkSession spark, List<String> paths) {
        var a = Json.array();
        for (String p : paths) {
            var n = a.addObject();
            n.put("path", p);
            if (DeltaTable.isDeltaTable(spark, p)) {
                n.put("delta_version", DeltaTable.forPath(spark, p).history(1).first().getLong(0));
            } else {
                n.putNull("delta_version");
            }
        }
        return a.toString();
    }
}
