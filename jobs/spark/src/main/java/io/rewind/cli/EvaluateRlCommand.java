package io.rewind.cli;

import io.rewind.jobs.rl.EvaluateRlJob;
import io.rewind.rl.env.Simulator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate-rl", mixinStandardHelpOptions = true,
        description = "Run a saved batch-RL policy in the simulator: mean, standard deviation and distribution of"
                + " its returns.")
public final class EvaluateRlCommand implements Callable<Integer> {
    @Option(names = "--env", defaultValue = "cartpole", description = "cartpole (default; v0: 200-step limit) or latent-mdp")
    String env;

    @Option(names = "--policy", required = true, description = "the policy folder (train-rl's OUTPUT/policy)")
    String policy;

    @Option(names = "--episodes", defaultValue = "100", description = "episodes to run in the simulator (default 100)")
    int episodes;

    @Option(names = "--seed", defaultValue = "2024", description = "seed of the simulator (default 2024)")
    long seed;

    @Override
    public Integer call() {
        EvaluateRlJob.Result r = EvaluateRlJob.run(Simulator.parse(env), policy, episodes, seed);
        Console.summary("evaluate-rl", EvaluateRlJob.summary(r, policy, episodes));
        return 0;
    }
}
