package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.mapping.ImportConfig;
import io.rewind.jobs.mapping.ImportJob;
import io.rewind.jobs.mapping.Mapping;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Read your own logged-decision table through a mapping file (YAML) and write Rewind's"
                + " decisions and rewards tables, with unusable rows in quarantine.")
public final class ImportCommand implements Callable<Integer> {
    @Option(names = "--mapping", required = true, description = "the mapping file: where each of Rewind's fields"
            + " comes from in your table (the README's \"Bring your own logs\" shows one)")
    Path mapping;

    @Option(names = "--output", required = true, description = "folder for decisions/, rewards/, quarantine/, the"
            + " mapping as applied (mapping.yaml) and summary.json")
    String output;

    @Option(names = "--output-format", defaultValue = "parquet", description = "parquet (default), delta, jsonl or"
            + " csv")
    String outputFormat;

    @Option(names = "--max-bad-fraction", defaultValue = "0.05",
            description = "fail when more than this share of rows is quarantined (default 0.05)")
    double maxBadFraction;

    @picocli.CommandLine.Mixin
    PropensityOptions propensities = new PropensityOptions();

    @picocli.CommandLine.Mixin
    RegistryRunOptions run = new RegistryRunOptions();

    @Override
    public Integer call() {
        Runnable checks = () -> {
            LocalInputs.exist("--mapping", List.of(mapping.toString()));
            LocalInputs.writable(output);
        };
        run.checkBeforeSpark(checks);
        ImportConfig config = new ImportConfig(propensities.apply(Mapping.read(mapping)), output,
                TableFormat.parse(outputFormat), maxBadFraction);
        var spark = LocalSpark.getOrCreate("rewind import");
        JobSummary s = run.record(spark, "import", List.of(mapping.toString()), output, checks,
                () -> ImportJob.run(spark, config));
        Console.summary("import", s);
        return 0;
    }
}
