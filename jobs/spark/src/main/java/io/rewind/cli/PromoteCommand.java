package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.registry.PromoteConfig;
import io.rewind.jobs.registry.PromoteJob;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Evaluate a candidate model against the experiment's hosted model (DR on the eval split) and"
                + " promote it when the gate holds; every decision is recorded in the registry.")
public final class PromoteCommand implements Callable<Integer> {
    @Option(names = "--registry", required = true, description = "the registry's folder (Delta tables)")
    String registry;

    @Option(names = "--experiment", required = true,
            description = "the experiment whose hosted model the candidate may replace")
    String experiment;

    @Option(names = "--candidate", required = true, description = "a bandit model file (rewind train-bandit)")
    String candidate;

    @Option(names = "--data", required = true, split = ",", description = "joined interactions")
    List<String> data;

    @Option(names = "--data-format", defaultValue = "delta",
            description = "format of --data: delta (default), parquet, jsonl or csv")
    String dataFormat;

    @Option(names = "--split", defaultValue = "eval",
            description = "the split evaluated on: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    io.rewind.jobs.evaluate.SplitSelection split;

    @Option(names = "--gate", defaultValue = "interval", description = "interval (default: the lower bound of the"
            + " 95%% interval of candidate - hosted DR above 0) or estimate (candidate DR >= hosted DR)")
    io.rewind.jobs.registry.Gate gate;

    @Option(names = "--bootstrap", defaultValue = "100",
            description = "bootstrap replicates of the estimates (default 100)")
    int replicates;

    @Option(names = "--seed", defaultValue = "1",
            description = "seed of the bootstrap and the cross-fitting folds (default 1)")
    long seed;

    @Override
    public Integer call() {
        LocalInputs.banditModel("--candidate", candidate);
        LocalInputs.exist("--data", data);
        JobSummary s = PromoteJob.run(LocalSpark.getOrCreate("rewind promote"), new PromoteConfig(registry,
                experiment, candidate, data, TableFormat.parse(dataFormat), split, gate, replicates, seed));
        Console.summary("promote", s);
        return 0;
    }
}
