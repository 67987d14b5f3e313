package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.formats.Timestamps;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.simulate.SimulateJob;
import io.rewind.rl.sim.LoggedBanditConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write decisions and rewards logged by a policy on a classification-to-bandit simulator.")
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--output", required = true, description = "folder; gets decisions/ and rewards/")
    String output;

    @Option(names = "--format", defaultValue = "jsonl", description = "jsonl, csv, parquet or delta")
    String format;

    @Option(names = "--rows", defaultValue = "10000", description = "decisions to log")
    long rows;

    @Option(names = "--features", defaultValue = "5", description = "context dimension")
    int features;

    @Option(names = "--actions", defaultValue = "4", description = "number of arms (classes)")
    int actions;

    @Option(names = "--policy", defaultValue = "uniform", description = "logging policy: uniform or epsilon-greedy")
    String policy;

    @Option(names = "--epsilon", defaultValue = "0.2", description = "exploration share of epsilon-greedy")
    double epsilon;

    @Option(names = "--seed", defaultValue = "7", description = "seed of the simulator (default 7)")
    long seed;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00Z", description = "first decision's timestamp")
    String start;

    @Option(names = "--rate", defaultValue = "10", description = "decisions per second of simulated time")
    double rate;

    @Option(names = "--reward-delay", defaultValue = "30s", converter = DurationConverter.class,
            description = "mean delay of a reward after its decision (exponential)")
    Duration rewardDelay;

    @Option(names = "--missing-rewards", defaultValue = "0.1", description = "share of decisions never rewarded")
    double missing;

    @Option(names = "--duplicate-rewards", defaultValue = "0.02", description = "share of rewards sent twice")
    double duplicates;

    @Option(names = "--malformed", defaultValue = "0.0", description = "share of rows corrupted in each table")
    double malformed;

    @Option(names = "--partitions", defaultValue = "0", description = "output files per table (default: cores)")
    int partitions;

    @Option(names = "--target-epsilon", description = "also write target/: an epsilon-greedy policy with this"
            + " epsilon on the same events, to evaluate; its true value goes in the summary")
    Double targetEpsilon;

    @Override
    public Integer call() {
        LoggedBanditConfig config = new LoggedBanditConfig(rows, features, actions, seed, policy, epsilon,
                Timestamps.parse("--start", start), rate, rewardDelay.toMillis() / 1000.0, missing, duplicates,
                malformed);
        JobSummary s = SimulateJob.run(LocalSpark.getOrCreate("rewind simulate"), config, output,
                TableFormat.parse(format), partitions, targetEpsilon);
        Console.summary("simulate", s);
        return 0;
    }
}
