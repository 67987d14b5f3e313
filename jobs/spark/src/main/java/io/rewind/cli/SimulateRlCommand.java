package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.rl.SimulateRlJob;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.RlPolicy;
import io.rewind.rl.batch.Transitions;
import io.rewind.rl.env.BehaviourPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate-rl", mixinStandardHelpOptions = true,
        description = "Log episodes of a behaviour policy in a simulator (CartPole) as the episodes table.")
public final class SimulateRlCommand implements Callable<Integer> {
    @Option(names = "--env", defaultValue = "cartpole", description = "cartpole")
    String env;

    @Option(names = "--envs", defaultValue = "100", description = "environments stepped together (default 100)")
    int envs;

    @Option(names = "--episodes-per-env", defaultValue = "5", description = "episodes each (default 5)")
    int episodesPerEnv;

    @Option(names = "--behaviour-probs", defaultValue = "0.5,0.5", split = ",",
            description = "the behaviour policy's fixed action probabilities (default uniform 0.5,0.5)")
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
        JobSummary s;
        if (behaviourPolicy != null) {
            try (DdqnBcq policy = RlPolicy.load(Path.of(behaviourPolicy))) {
                double t = policy.config().softmaxTemperature();
                BehaviourPolicy b = state -> policy.score(new float[][] {Transitions.floats(state)}).softmax(0, t);
                s = SimulateRlJob.run(LocalSpark.getOrCreate("rewind simulate-rl"), env, envs, episodesPerEnv, b,
                        behaviourPolicy, seed, output, TableFormat.parse(format));
            }
        } else {
            double[] p = probs.stream().mapToDouble(Double::doubleValue).toArray();
            s = SimulateRlJob.run(LocalSpark.getOrCreate("rewind simulate-rl"), env, envs, episodesPerEnv,
                    BehaviourPolicy.fixed(p), "fixed " + probs, seed, output, TableFormat.parse(format));
        }
        Console.summary("simulate-rl", s);
        return 0;
    }
}
