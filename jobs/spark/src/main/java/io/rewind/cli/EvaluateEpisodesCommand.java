package io.rewind.cli;

import io.rewind.jobs.evaluate.EpisodeEvaluation;
import io.rewind.jobs.evaluate.EpisodeEvaluationConfig;
import io.rewind.jobs.mapping.Mapping;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "episodes", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a target policy on an episodes table (sequential decisions): per-decision IS,"
                + " weighted IS, and sequential DR, weighted DR and DM with fitted Q evaluation.")
public final class EvaluateEpisodesCommand implements Callable<Integer> {
    @Mixin
    EvaluationOptions common = new EvaluationOptions();

    @Option(names = "--mapping", description = "instead of --data: your own step-per-row log read through this"
            + " mapping file's episodes section, with nothing written (the target then is --target-policy)")
    java.nio.file.Path mapping;

    @Option(names = "--target-column", description = "a column of the episodes with the target's per-step"
            + " probabilities over all actions")
    String targetColumn;

    @Option(names = "--target-policy", description = "or: a batch-RL policy folder (rewind train-rl's"
            + " OUTPUT/policy); its softmax(Q/T) at each step's state is the target")
    String targetPolicy;

    @Option(names = "--gamma", defaultValue = "" + EpisodeEvaluationConfig.DEFAULT_GAMMA,
            description = "discount (default ${DEFAULT-VALUE})")
    double gamma;

    @Option(names = "--fqe-iterations", defaultValue = "" + EpisodeEvaluationConfig.DEFAULT_FQE_ITERATIONS,
            description = "fitted Q evaluation iterations for SDR, WDR and DM; 0: importance sampling only"
                    + " (default ${DEFAULT-VALUE})")
    int fqeIterations;

    @Override
    public Integer call() {
        Mapping m = mapping == null ? null : Mapping.read(mapping);
        EpisodeEvaluationConfig c = new EpisodeEvaluationConfig(m == null ? common.input() : common.input(m),
                targetColumn, targetPolicy, gamma, fqeIterations, common.intervals(), common.outputs());
        if (m != null) {
            EpisodeEvaluation.requireMappable(c, m); // before Spark starts
        }
        return common.run("evaluate episodes", () -> {
            LocalInputs.exist("--data", common.data);
            LocalInputs.model("--target-policy", targetPolicy);
        }, spark -> m == null ? EpisodeEvaluation.run(spark, c) : EpisodeEvaluation.run(spark, c, m));
    }
}
