package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.formats.TimestampUnit;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.join.JoinConfig;
import io.rewind.jobs.join.JoinJob;
import io.rewind.jobs.mapping.Mapping;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "join", mixinStandardHelpOptions = true,
        description = "Join decisions with rewards by event_id into the interactions table (partitioned by date).")
public final class JoinCommand implements Callable<Integer> {
    @Option(names = "--decisions", split = ",", description = "decisions file(s) or folder(s)")
    List<String> decisions;

    @Option(names = "--decisions-format", defaultValue = "jsonl", description = "jsonl, csv, parquet or delta")
    String decisionsFormat;

    @Option(names = "--rewards", split = ",", description = "rewards file(s) or folder(s)")
    List<String> rewards;

    @Option(names = "--rewards-format", defaultValue = "jsonl", description = "jsonl, csv, parquet or delta")
    String rewardsFormat;

    @Option(names = "--mapping", description = "read your own table through this mapping file instead of"
            + " --decisions and --rewards (see rewind import); the mapping as applied goes to OUTPUT_mapping.yaml")
    Path mapping;

    @Option(names = "--output", required = true, description = "where the interactions table goes")
    String output;

    @Option(names = "--output-format", defaultValue = "delta", description = "delta (default) or parquet")
    String outputFormat;

    @Option(names = "--quarantine", description = "where unusable rows go (default: OUTPUT_quarantine)")
    String quarantine;

    @Option(names = "--summary", description = "JSON summary path (default: OUTPUT_summary.json)")
    String summary;

    @picocli.CommandLine.Mixin
    JoinRuleOptions joinRules = new JoinRuleOptions();

    @Option(names = "--max-bad-fraction", defaultValue = "0.05",
            description = "fail when more than this share of input rows is quarantined (default 0.05)")
    double maxBadFraction;

    @Option(names = "--replace-dates", description = "replace every date the input touches wholesale (its rows from"
            + " earlier runs are dropped) instead of merging by event_id into those dates (the default)")
    boolean replaceDates;

    @Option(names = "--timestamp-unit", defaultValue = "auto", description = "unit of epoch numbers in the logs'"
            + " timestamp fields: s, ms, us, ns, or auto (default: by magnitude)")
    String timestampUnit;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    PropensityOptions propensities = new PropensityOptions();

    @picocli.CommandLine.Mixin
    RegistryRunOptions run = new RegistryRunOptions();

    @Override
    public Integer call() {
        if ((mapping == null) == (decisions == null && rewards == null) || (mapping == null
                && (decisions == null || rewards == null))) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --decisions and --rewards,"
                    + " or --mapping");
        }
        Mapping mapped = propensities.apply(mapping == null ? null : Mapping.read(mapping));
        List<String> decisions = this.decisions == null ? List.of() : this.decisions;
        List<String> rewards = this.rewards == null ? List.of() : this.rewards;
        Runnable checks = () -> {
            LocalInputs.exist("--decisions", decisions);
            LocalInputs.exist("--rewards", rewards);
            LocalInputs.writable(output);
        };
        run.checkBeforeSpark(checks);
        JoinConfig config = new JoinConfig(decisions, TableFormat.parse(decisionsFormat), rewards,
                TableFormat.parse(rewardsFormat), output, TableFormat.parse(outputFormat),
                quarantine != null ? quarantine : JoinConfig.defaultQuarantine(output),
                summary != null ? summary : JoinConfig.defaultSummary(output),
                joinRules.rules(), maxBadFraction, replaceDates, TimestampUnit.parse(timestampUnit));
        var spark = LocalSpark.getOrCreate("rewind join");
        List<String> inputs = new java.util.ArrayList<>(decisions);
        inputs.addAll(rewards);
        JobSummary s = run.record(spark, "join", inputs, output, checks, () -> mapped == null
                ? JoinJob.run(spark, config) : JoinJob.run(spark, config, mapped));
        Console.summary("join", s);
        return 0;
    }
}
