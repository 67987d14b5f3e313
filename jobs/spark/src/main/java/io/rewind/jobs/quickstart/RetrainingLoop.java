package io.rewind.jobs.quickstart;

import io.rewind.jobs.evaluate.SplitSelection;
import io.rewind.jobs.registry.Gate;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;

import io.rewind.formats.JoinRules;
import io.rewind.formats.TableFormat;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.join.JoinConfig;
import io.rewind.jobs.join.JoinJob;
import io.rewind.jobs.registry.PromoteConfig;
import io.rewind.jobs.registry.PromoteJob;
import io.rewind.jobs.registry.Registry;
import io.rewind.jobs.simulate.SimulateJob;
import io.rewind.rl.bandit.BanditModel;
import io.rewind.rl.sim.LoggedBanditConfig;
import io.rewind.rl.sim.LoggedBanditSimulator;
import io.rewind.jobs.bandit.TrainBanditConfig;
import io.rewind.jobs.bandit.TrainBanditJob;
import io.rewind.rl.bandit.Reduction;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The quickstart's continual-learning loop: the first trained model is promoted; then each round logs new decisions
 * with the hosted model (with epsilon exploration), joins them, trains a model warm-started from the hosted one on
 * the new data, and promotes it if its DR value beats the hosted model's. The logged reward rises as better models
 * take over.
 */
final class RetrainingLoop {
    private RetrainingLoop() {
    }

    /** Each round's mean observed reward of the logs, round 0 being the original logs. */
    static List<Double> run(SparkSession spark, String base, LoggedBanditConfig original, String interactions,
                            String firstModel, int rounds, PrintStream out) {
        String registryPath = base + "/registry";
        Registry registry = new Registry(spark, registryPath);
        List<Double> rewards = new ArrayList<>();
        rewards.add(observedMean(spark, interactions));
        JobSummary first = PromoteJob.run(spark, new PromoteConfig(registryPath, "quickstart", firstModel,
                List.of(interactions), TableFormat.DELTA, SplitSelection.EVAL, Gate.INTERVAL, 50, 1));
        out.printf("round 0: logged mean reward %.4f (the original logging policy); %s %s%n", rewards.get(0),
                first.get("decision"), firstModel);
        for (int r = 1; r <= rounds; r++) {
            String hostedPath = registry.hosted("quickstart").flatMap(registry::model)
                    .map(m -> m.<String>getAs("path")).orElseThrow();
            BanditModel hosted;
            try {
                hosted = BanditModel.load(Path.of(hostedPath));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the hosted model " + hostedPath, e);
            }
            LoggedBanditConfig cfg = new LoggedBanditConfig(original.rows(), original.features(), original.actions(),
                    original.seed(), "epsilon-greedy", 0.2, original.start().plus(r, ChronoUnit.DAYS),
                    original.decisionsPerSecond(), original.rewardDelayMeanSeconds(), 0.0, 0.0, 0.0);
            String logs = base + "/logs-round-" + r;
            SimulateJob.run(spark, new LoggedBanditSimulator(cfg, hosted.restoreLearner(), r * original.rows()),
                    logs, TableFormat.JSONL, 2, null);
            String data = base + "/interactions-round-" + r;
            JoinJob.run(spark, new JoinConfig(List.of(logs + "/decisions"), TableFormat.JSONL,
                    List.of(logs + "/rewards"), TableFormat.JSONL, data, TableFormat.DELTA,
                    JoinConfig.defaultQuarantine(data), JoinConfig.defaultSummary(data),
                    new JoinRules(Duration.ofMinutes(2), 0.0, false, JoinRules.Aggregation.FIRST, 0.8), 0.05));
            rewards.add(observedMean(spark, data));
            String model = base + "/models/round-" + r + ".json";
            TrainBanditJob.run(spark, new TrainBanditConfig(List.of(data), TableFormat.DELTA, "linucb",
                    Reduction.MTR, "train", hostedPath, false, 4, 1, model, 0.05));
            JobSummary p = PromoteJob.run(spark, new PromoteConfig(registryPath, "quickstart", model, List.of(data),
                    TableFormat.DELTA, SplitSelection.EVAL, Gate.INTERVAL, 50, 1));
            out.printf("round %d: logged mean reward %.4f (logged by the hosted model, 20%% exploration); candidate DR"
                    + " %s vs hosted %s, difference lower bound %s: %s%n", r, rewards.get(r),
                    p.get("candidate_dr"), p.get("hosted_dr"), p.get("difference_dr_lower"), p.get("decision"));
        }
        return rewards;
    }

    static double observedMean(SparkSession spark, String interactions) {
        return spark.read().format("delta").load(interactions).filter(col("reward_observed"))
                .agg(avg("reward")).first().getDouble(0);
    }
}
