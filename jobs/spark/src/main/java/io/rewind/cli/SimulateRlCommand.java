package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.rl.LoggingPolicy;
import io.rewind.jobs.rl.SimulateRlJob;
import io.rewind.rl.env.Simulator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate-rl", mixinStandardHelpOptions = true,
        description = "Log episodes of a behaviour policy in a simulator as the episodes table; the executors play the"
                + " environments.")
public final class SimulateRlCommand implements Callable<Integer> {
    @Option(names = "--env", defaultValue = "cartpole", description = "cartpole (default), or latent-mdp: 50-dimensional"
            + " states, 10 actions and a known optimal return")
    String env;

    @Option(names = "--envs", defaultValue = "100", description = "environments stepped together (default 100)")
    int envs;

    @Option(names = "--episodes-per-env", defaultValue = "5", description = "episodes each (default 5)")
    int episodesPerEnv;

    @Option(names = "--behaviour-probs", split = ",",
            description = "the behaviour policy's fixed action probabilities (default uniform)")
    List<Double> probs;

    @Option(names = "--behaviour-policy", description = "a saved batch-RL policy (rewind train-rl) to log with,"
            + " through its softmax view, instead of fixed probabilities")
    String behaviourPolicy;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the simulator (default 1)")
    long seed;

    @Option(names = "--output", required = true, description = "where the episodes table goes")
    String output;

    @Option(names = "--format", defaultValue = "parquet",
            description = "parquet (default), delta, jsonl, csv, or seed-csv (the seed's cartpole_dataset.csv layout)")
    String format;

    @Override
    public Integer call() {
        Simulator simulator = Simulator.parse(env);
        LoggingPolicy behaviour = behaviourPolicy != null ? LoggingPolicy.saved(behaviourPolicy)
                : probs != null ? LoggingPolicy.fixed(probs.stream().mapToDouble(Double::doubleValue).toArray())
                : LoggingPolicy.uniform(simulator.forLogging().actions());
        JobSummary s = SimulateRlJob.run(LocalSpark.getOrCreate("rewind simulate-rl"), simulator, envs,
                episodesPerEnv, behaviour, seed, output, TableFormat.parse(format));
        Console.summary("simulate-rl", s);
        return 0;
    }
}
