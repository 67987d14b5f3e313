package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.online.Environments;
import io.rewind.jobs.online.SimulateOnlineJob;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate-online", mixinStandardHelpOptions = true,
        description = "Run bandit learners and a random baseline on a simulator; write their logs, a regret table"
                + " and a cumulative-regret plot.")
public final class SimulateOnlineCommand implements Callable<Integer> {
    @Option(names = "--env", defaultValue = "synthetic", description = "synthetic, statlog or movielens")
    String env;

    @Option(names = "--data", description = "statlog: the shuttle.trn file (or any numeric CSV, label last);"
            + " movielens: the folder with u.data, u.item and u.user")
    String data;

    @Option(names = "--item-pool-size", defaultValue = "100", description = "movielens: items offered per round")
    int itemPoolSize;

    @Option(names = "--top-k", defaultValue = "5", description = "movielens: length of the ranked list")
    int topK;

    @Option(names = "--max-users", defaultValue = "100", description = "movielens: users visited in turn")
    int maxUsers;

    @Option(names = "--like-threshold", defaultValue = "4",
            description = "movielens: a rating at or above it is an item the user clicks")
    int likeThreshold;

    @Option(names = "--seed-attractiveness", description = "movielens: click probability r/5 for ratings of 3 or"
            + " more and 0.01 below, as the seed's simulator, instead of the like threshold")
    boolean seedAttractiveness;

    @Option(names = "--learner", defaultValue = "linucb", split = ",", completionCandidates = LearnerNames.class,
            description = "one or more of: ${COMPLETION-CANDIDATES}; parameters as name:key=value, e.g."
                    + " regcb-opt:mellowness=0.01")
    List<String> learners;

    @Option(names = "--rounds", defaultValue = "10000", description = "decisions each learner makes (default 10000)")
    int rounds;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the environment and the learners (default 1)")
    long seed;

    @Option(names = "--output", required = true, description = "folder for logs, regret.csv and regret.png")
    String output;

    @Option(names = "--format", defaultValue = "parquet", description = "format of the logged tables")
    String format;

    @Option(names = "--logs", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "write what each learner logged as Rewind tables (default); --no-logs writes only the"
                    + " regret table and plot, and starts no Spark session")
    boolean logs;

    @Override
    public Integer call() {
        JobSummary s = SimulateOnlineJob.run(() -> LocalSpark.getOrCreate("rewind simulate-online"), env,
                new Environments.Settings(data, itemPoolSize, topK, maxUsers, likeThreshold, seedAttractiveness),
                learners, rounds, seed, output, logs ? Optional.of(TableFormat.parse(format)) : Optional.empty());
        Console.summary("simulate-online", s);
        return 0;
    }
}
