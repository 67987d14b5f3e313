package io.rewind.cli;

import io.rewind.formats.JoinRules;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.evaluate.EvaluateConfig;
import io.rewind.jobs.evaluate.EvaluateJob;
import io.rewind.jobs.evaluate.EvaluationReport;
import io.rewind.jobs.join.JoinConfig;
import io.rewind.jobs.join.JoinJob;
import io.rewind.jobs.simulate.SimulateJob;
import io.rewind.rl.sim.LoggedBanditConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Simulate a small logged data set, join it, evaluate a policy off-line, and print what happened.")
public final class QuickstartCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "rewind-quickstart", description = "working folder (default ./rewind-quickstart)")
    Path dir;

    @Option(names = "--rows", defaultValue = "20000", description = "decisions to simulate")
    long rows;

    @Override
    public Integer call() {
        SparkSession spark = LocalSpark.getOrCreate("rewind quickstart");
        String base = dir.toAbsolutePath().toString();
        LoggedBanditConfig sim = new LoggedBanditConfig(rows, 5, 4, 7, "epsilon-greedy", 0.2,
                Instant.parse("2026-01-01T00:00:00Z"), 2, 30, 0.1, 0.02, 0.005);
        System.out.println("1. simulate: " + rows + " decisions by an epsilon-greedy policy, 0.5% malformed rows,"
                + " into " + base + "/logs");
        JobSummary simulated = SimulateJob.run(spark, sim, base + "/logs", TableFormat.JSONL, 2, 0.02);
        System.out.println(simulated.toTable());
        String output = base + "/interactions";
        JoinConfig join = new JoinConfig(List.of(base + "/logs/decisions"), TableFormat.JSONL,
                List.of(base + "/logs/rewards"), TableFormat.JSONL, output, TableFormat.DELTA,
                JoinConfig.defaultQuarantine(output), JoinConfig.defaultSummary(output),
                new JoinRules(Duration.ofMinutes(2), 0.0, false, JoinRules.Aggregation.FIRST, 0.8), 0.05);
        System.out.println("2. join: decisions with rewards inside a 2 minute window, into " + output + " (Delta)");
        JobSummary s = JoinJob.run(spark, join);
        System.out.println(s.toTable());
        System.out.println("Quarantined rows and their reasons: " + join.quarantine());

        System.out.println("\n3. evaluate: what if the logging model had explored less (epsilon 0.02 instead of 0.2)?"
                + " Off-policy estimates from the logged data alone, on the eval split:");
        EvaluateConfig eval = new EvaluateConfig(List.of(output), TableFormat.DELTA, "eval", true,
                List.of(base + "/logs/target"), TableFormat.JSONL, null, null, TableFormat.JSONL,
                List.of("ips", "snips", "dm", "dr", "sndr"), Double.POSITIVE_INFINITY, 100, 100, 3, 200, 0.95, 1,
                base + "/evaluation.json", base + "/evaluation.png", 0.05);
        EvaluationReport report = EvaluateJob.run(spark, eval);
        System.out.print(EvaluateJob.table(report));
        System.out.println("true value of the target policy (known to the simulator): "
                + simulated.get("target_true_value"));
        System.out.println("Report: " + eval.report() + ", chart: " + eval.chart());
        return 0;
    }
}
