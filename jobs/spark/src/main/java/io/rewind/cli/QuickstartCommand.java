package io.rewind.cli;

import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.quickstart.QuickstartJob;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
        QuickstartJob.run(LocalSpark.getOrCreate("rewind quickstart"), dir.toAbsolutePath().toString(), rows,
                System.out);
        return 0;
    }
}
