package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.bandit.TrainBanditConfig;
import io.rewind.jobs.bandit.Training;
import io.rewind.jobs.bandit.TrainBanditJob;
import io.rewind.rl.bandit.Reduction;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train-bandit", mixinStandardHelpOptions = true,
        description = "Train a contextual-bandit learner on a joined interactions table and save it as a Rewind"
                + " model (config, data description and metrics included).")
public final class TrainBanditCommand implements Callable<Integer> {
    @Option(names = "--data", split = ",", description = "interactions table(s) (rewind join); or --mapping")
    List<String> data;

    @picocli.CommandLine.Mixin
    MappedLogOptions mapped = new MappedLogOptions();

    @picocli.CommandLine.Mixin
    PropensityOptions propensities = new PropensityOptions();

    @Option(names = "--data-format", defaultValue = "delta", description = "delta (default), parquet, jsonl, csv")
    String dataFormat;

    @Option(names = "--learner", defaultValue = "linucb", completionCandidates = LearnerNames.class,
            description = "one of: ${COMPLETION-CANDIDATES}; parameters as name:key=value (default"
                    + " ${DEFAULT-VALUE})")
    String learner;

    @Option(names = "--reduction", defaultValue = "mtr",
            description = "mtr (default: importance-weighted regression), ips, dr or direct")
    String reduction;

    @Option(names = "--split", defaultValue = "train",
            description = "train (default; the eval rows then score the model) or all")
    String split;

    @Option(names = "--warm-start", description = "a saved model to continue training")
    String warmStart;

    @Option(names = "--warm-start-registry", description = "warm-start from the model the registry hosts for"
            + " --experiment (a cold start when there is none)")
    String warmStartRegistry;

    @Option(names = "--experiment", description = "with --warm-start-registry")
    String experiment;

    @Option(names = "--quadratic", description = "add the context's pairwise products to the features")
    boolean quadratic;

    @Option(names = "--arm-buckets", defaultValue = "16",
            description = "fixed arms: extra hashed blocks for arms not seen in training")
    int armBuckets;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the learner (default 1)")
    long seed;

    @Option(names = "--model", required = true, description = "where to write the model (JSON)")
    String model;

    @Option(names = "--max-bad-fraction", defaultValue = "0.05",
            description = "fail (exit 3) when more than this share of rows is quarantined (default 0.05)")
    double maxBadFraction;

    @Option(names = "--training", defaultValue = "auto", description = "auto (default: distributed when the learner"
            + " and reduction allow it and one copy of its statistics fits 256 MB, else sequential), distributed (the learner's sufficient statistics computed on"
            + " the executors, merged in partition order and solved once in the driver; every learner but cover, every"
            + " reduction but dr, whose models depend on the rows' order) or sequential (the rows in event order"
            + " through the driver, with progressive validation)")
    Training training;

    private TrainBanditConfig config(String start) {
        io.rewind.jobs.join.MappedLog log = mapped.read(propensities::apply);
        TrainBanditConfig c = new TrainBanditConfig(inputs(), log == null ? TableFormat.parse(dataFormat) : null,
                learner, Reduction.parse(reduction), split, start, quadratic, armBuckets, seed, model, maxBadFraction,
                training);
        return log == null ? c : c.on(log);
    }

    private List<String> inputs() {
        if ((data == null) == (mapped.mapping == null)) {
            throw new IllegalArgumentException("give --data or --mapping, one of them");
        }
        return data != null ? data : List.of(mapped.mapping.toString());
    }

    @Override
    public Integer call() {
        // without a registry the inputs and the config are checked before Spark starts, so a bad learner spec fails
        // at once; with one, the warm start is looked up first and a failure is recorded as a run of the experiment
        inputs(); // --data or --mapping, before anything else
        RegistryRunOptions run = new RegistryRunOptions();
        run.registry = warmStartRegistry;
        run.experiment = experiment;
        Runnable checks = () -> {
            LocalInputs.exist("--data", data);
            LocalInputs.banditModel("--warm-start", warmStart);
        };
        run.checkBeforeSpark(checks);
        TrainBanditConfig early = warmStartRegistry == null ? config(warmStart) : null;
        var spark = LocalSpark.getOrCreate("rewind train-bandit");
        JobSummary s = run.record(spark, "train", inputs(), model, checks, () -> TrainBanditJob.run(spark,
                early != null ? early : config(TrainBanditJob.hostedModel(spark, warmStartRegistry, experiment)
                        .orElse(warmStart))));
        Console.summary("train-bandit", s);
        return 0;
    }
}
