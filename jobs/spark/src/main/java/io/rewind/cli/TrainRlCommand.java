package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.mapping.Mapping;
import io.rewind.jobs.rl.TrainRlConfig;
import io.rewind.jobs.rl.TrainRlJob;
import io.rewind.rl.batch.DqnConfig;
import io.rewind.rl.env.Simulator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train-rl", mixinStandardHelpOptions = true,
        description = "Train DDQN+BCQ (DJL, PyTorch CPU) from an episodes table; per-epoch PDIS, WIS and SDR on"
                + " held-out episodes to metrics.csv and metrics.png; the policy and a checkpoint per epoch. The"
                + " transitions stay on the executors (a replay of chunks, and the held-out episodes, where the"
                + " estimates are computed); the driver trains on one chunk at a time.")
public final class TrainRlCommand implements Callable<Integer> {
    private static final DqnConfig D = DqnConfig.defaults();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", split = ",", description = "episodes table(s)")
    List<String> data;

    @Option(names = "--mapping", description = "or: read your own step-per-row log through this mapping file's"
            + " episodes section (see rewind import)")
    java.nio.file.Path mapping;

    @Option(names = "--data-format", defaultValue = "parquet",
            description = "parquet (default), delta, jsonl, csv or seed-csv")
    String dataFormat;

    @Option(names = "--output", required = true, description = "folder for policy/, checkpoints/, metrics.csv/png")
    String output;

    @Option(names = "--hidden", split = ",", description = "hidden layer sizes (default 64,64)")
    List<Integer> hidden = new java.util.ArrayList<>(D.hidden());

    @Option(names = "--learning-rate", description = "Adam learning rate (default 3e-4)")
    double learningRate = D.learningRate();

    @Option(names = "--batch-size", description = "transitions per gradient step (default 128)")
    int batchSize = D.batchSize();

    @Option(names = "--gamma", description = "discount factor (default 0.99)")
    double gamma = D.gamma();

    @Option(names = "--target-update-rate", description = "τ of the target update (1 copies)")
    double targetUpdateRate = D.targetUpdateRate();

    @Option(names = "--target-update-every", description = "gradient steps between target updates")
    int targetUpdateEvery = D.targetUpdateEvery();

    @Option(names = "--bcq-threshold", description = "0 turns BCQ off (plain double DQN)")
    double bcqThreshold = D.bcqThreshold();

    @Option(names = "--epochs", description = "passes over the training transitions (default 50)")
    int epochs = D.epochs();

    @Option(names = "--seed", description = "seed of initialisation and minibatches (default 1)")
    long seed = D.seed();

    @Option(names = "--softmax-temperature", description = "the estimators' view of the policy: softmax(Q/T)")
    double temperature = D.softmaxTemperature();

    @Option(names = "--train-ratio", defaultValue = "0.8", description = "share of episodes to train on")
    double trainRatio;

    @Option(names = "--simulate-episodes", defaultValue = "0",
            description = "also run each epoch's policy this many episodes in --env and record its mean return")
    int simulateEpisodes;

    @Option(names = "--env", defaultValue = "cartpole", description = "the simulator of --simulate-episodes:"
            + " cartpole (default) or latent-mdp")
    String env;

    @Option(names = "--max-bad-fraction", defaultValue = "0.05",
            description = "fail (exit 3) when more than this share of rows is quarantined (default 0.05)")
    double maxBadFraction;

    @Option(names = "--replay-chunk-mb", defaultValue = "32", description = "the executors keep the training"
            + " transitions in chunks of about this size; the driver fetches one at a time and the next ahead"
            + " (default 32)")
    long replayChunkMb;

    @Option(names = "--workers", defaultValue = "1", description = "1 (default) trains in the driver; N trains"
            + " data-parallel on N executor tasks launched together (Spark barrier mode; the cluster needs N free"
            + " task slots), each on its share of the chunks, averaging parameters every --sync-every steps")
    int workers;

    @Option(names = "--sync-every", defaultValue = "20", description = "with --workers N: gradient steps between"
            + " parameter averagings (default 20)")
    int syncEvery;

    @Override
    public Integer call() {
        if ((data == null) == (mapping == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --data or --mapping");
        }
        Mapping mapped = mapping == null ? null : Mapping.read(mapping);
        List<String> data = this.data == null ? List.of() : this.data;
        LocalInputs.exist("--data", data);
        DqnConfig dqn = new DqnConfig(hidden, learningRate, batchSize, gamma, targetUpdateRate, targetUpdateEvery,
                bcqThreshold, epochs, seed, temperature);
        TrainRlConfig config = new TrainRlConfig(data, TableFormat.parse(dataFormat), dqn, trainRatio,
                simulateEpisodes, output, maxBadFraction, replayChunkMb << 20, workers, syncEvery, Simulator.parse(env));
        var spark = LocalSpark.getOrCreate("rewind train-rl");
        JobSummary s = mapped == null ? TrainRlJob.run(spark, config) : TrainRlJob.run(spark, config, mapped);
        Console.summary("train-rl", s);
        return 0;
    }
}
