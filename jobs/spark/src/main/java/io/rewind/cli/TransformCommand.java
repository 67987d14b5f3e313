package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.transform.TransformConfig;
import io.rewind.jobs.transform.TransformJob;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "transform", mixinStandardHelpOptions = true,
        description = "Batch transform: score jsonlines, Parquet or Delta rows with a saved Rewind policy (a train-rl"
                + " policy folder or a train-bandit model file).")
public final class TransformCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "train-rl's OUTPUT/policy folder or a bandit model file")
    String model;

    @Option(names = "--input", required = true, split = ",", description = "input file(s) or folder(s) to score")
    List<String> input;

    @Option(names = "--input-format", defaultValue = "jsonl", description = "jsonl (default), parquet or delta")
    String inputFormat;

    @Option(names = "--output", required = true, description = "where the scored rows go")
    String output;

    @Option(names = "--output-format", defaultValue = "jsonl", description = "jsonl (default), parquet or delta")
    String outputFormat;

    @Option(names = "--join-input", description = "keep the input fields on each output row")
    boolean joinInput;

    @Option(names = "--seed", defaultValue = "1", description = "bandit sampling seed (with the row id)")
    long seed;

    @Option(names = "--state-column", defaultValue = "state", description = "Parquet/Delta: the state column")
    String stateColumn;

    @Option(names = "--decided-at", description = "timestamp of bandit decisions (ISO-8601); default: the newest"
            + " modification time of the input files")
    String decidedAt;

    @Option(names = "--decisions", description = "bandit models: also write the decisions as a Rewind decisions"
            + " table (Parquet) here, to join with rewards later")
    String decisions;

    @Option(names = "--id-column", description = "a field identifying each row: its sampling stream and event id"
            + " derive from it (default: the row's file and line)")
    String idColumn;

    @Option(names = "--batch-size", defaultValue = "4096",
            description = "rows scored together, one DJL forward pass for neural policies (default 4096)")
    int batchSize;

    @Option(names = "--max-bad-fraction", defaultValue = "0.05",
            description = "fail (exit 3) when more than this share of rows is quarantined (default 0.05)")
    double maxBadFraction;

    @Option(names = "--overwrite", description = "replace an existing decisions table at --decisions (without it,"
            + " an existing table there is refused)")
    boolean overwrite;

    @picocli.CommandLine.Mixin
    RegistryRunOptions run = new RegistryRunOptions();

    @Override
    public Integer call() {
        Runnable checks = () -> {
            LocalInputs.model("--model", model);
            LocalInputs.exist("--input", input);
            LocalInputs.writable(output);
        };
        run.checkBeforeSpark(checks);
        var spark = LocalSpark.getOrCreate("rewind transform");
        JobSummary s = run.record(spark, "transform", input, output, checks, () -> TransformJob.run(spark,
                new TransformConfig(model, input,
                TableFormat.parse(inputFormat), output, TableFormat.parse(outputFormat), joinInput, seed,
                stateColumn, decidedAt == null ? null : Instant.parse(decidedAt), decisions, batchSize,
                maxBadFraction, idColumn, overwrite)));
        Console.summary("transform", s);
        return 0;
    }
}
