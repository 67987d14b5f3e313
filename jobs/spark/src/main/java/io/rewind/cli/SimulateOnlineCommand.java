package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.online.SimulateOnlineJob;
import io.rewind.rl.bandit.Learners;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate-online", mixinStandardHelpOptions = true,
        description = "Run bandit learners and a random baseline on a simulator; write their logs, a regret table"
                + " and a cumulative-regret plot.")
public final class SimulateOnlineCommand implements Callable<Integer> {
    @Option(names = "--env", defaultValue = "synthetic", description = "synthetic or statlog")
    String env;

    @Option(names = "--data", description = "statlog: the shuttle.trn file (or any numeric CSV, label last)")
    String data;

    @Option(names = "--learner", defaultValue = "linucb", split = ",",
            description = "one or more of: " + Learners.NAMES)
    List<String> learners;

    @Option(names = "--rounds", defaultValue = "10000")
    int rounds;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--output", required = true, description = "folder for logs, regret.csv and regret.png")
    String output;

    @Option(names = "--format", defaultValue = "parquet", description = "format of the logged tables")
    String format;

    @Override
    public Integer call() {
        JobSummary s = SimulateOnlineJob.run(LocalSpark.getOrCreate("rewind simulate-online"), env, data, learners,
                rounds, seed, output, TableFormat.parse(format));
        System.out.println("rewind simulate-online\n" + s.toTable());
        return 0;
    }
}
