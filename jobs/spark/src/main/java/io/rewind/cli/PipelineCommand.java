package io.rewind.cli;

import io.rewind.formats.Json;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.pipeline.PipelineConfig;
import io.rewind.jobs.pipeline.PipelineJob;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "One retraining round for a data interval: join, train (warm-started from the hosted model),"
                + " promote. 'run' runs it (skipping steps done before); 'commands' prints the steps as JSON.")
public final class PipelineCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "run or commands")
    String action;

    @Option(names = "--config", required = true, description = "the pipeline's YAML")
    String config;

    @Option(names = "--interval", required = true, description = "the data interval, e.g. 2026-05-01")
    String interval;

    @Override
    public Integer call() throws Exception {
        PipelineConfig c = PipelineConfig.read(Path.of(config));
        if (action.equals("commands")) {
            System.out.println(Json.WRITER.writeValueAsString(PipelineJob.commands(c, interval)));
            return 0;
        }
        if (!action.equals("run")) {
            throw new IllegalArgumentException("unknown pipeline action '" + action + "', expected run or commands");
        }
        JobSummary s = PipelineJob.run(LocalSpark.getOrCreate("rewind pipeline"), c, interval,
                args -> Rewind.execute(args.toArray(new String[0])));
        Console.summary("pipeline", s);
        return "SUCCEEDED".equals(s.get("status")) ? 0 : 1;
    }
}
