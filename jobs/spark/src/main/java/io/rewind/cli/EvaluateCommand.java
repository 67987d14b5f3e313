package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.evaluate.EpisodeEvaluation;
import io.rewind.jobs.evaluate.EvaluateConfig;
import io.rewind.jobs.evaluate.EvaluateJob;
import io.rewind.jobs.evaluate.EstimateChart;
import io.rewind.jobs.evaluate.EvaluationReport;
import io.rewind.jobs.evaluate.SlateEvaluation;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Estimate a target policy's value from joined interactions (off-policy evaluation).")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, split = ",", description = "interactions table(s)")
    List<String> data;

    @Option(names = "--data-format", defaultValue = "delta", description = "delta (default), parquet, jsonl, csv")
    String dataFormat;

    @Option(names = "--split", defaultValue = "all", description = "all (default), train or eval")
    String split;

    @Option(names = "--observed-only", description = "use only interactions whose reward was observed")
    boolean observedOnly;

    @Option(names = "--target", split = ",",
            description = "decisions table with the target policy's action_probs for the same events")
    List<String> target;

    @Option(names = "--target-column",
            description = "or: a column of the input with the target's probabilities, in the order of actions")
    String targetColumn;

    @Option(names = "--target-model", description = "a saved Rewind bandit model (rewind train-bandit): its"
            + " distribution over each row's candidates is the target")
    String targetModel;

    @Option(names = "--incumbent-model", description = "a saved Rewind bandit model as the incumbent to compare with")
    String incumbentModel;

    @Option(names = "--target-format", defaultValue = "jsonl",
            description = "format of --target: jsonl (default), csv, parquet or delta")
    String targetFormat;

    @Option(names = "--incumbent", split = ",", description = "a second policy (decisions table) to compare with")
    List<String> incumbent;

    @Option(names = "--incumbent-format", defaultValue = "jsonl",
            description = "format of --incumbent: jsonl (default), csv, parquet or delta")
    String incumbentFormat;

    @Option(names = "--estimators", defaultValue = "ips,snips,dm,dr,sndr", split = ",",
            description = "any of ips, snips, dm, dr, sndr, switch-dr, dros (default ips,snips,dm,dr,sndr)")
    List<String> estimators;

    @Option(names = "--clip", defaultValue = "Infinity", description = "IPS weight clipping threshold")
    double clip;

    @Option(names = "--tau", defaultValue = "100", description = "Switch-DR weight threshold")
    double tau;

    @Option(names = "--lambda", defaultValue = "100", description = "DR shrinkage lambda")
    double lambda;

    @Option(names = "--folds", defaultValue = "3", description = "cross-fitting folds of the reward model")
    int folds;

    @Option(names = "--reward-model", defaultValue = "mllib", description = "learner of the cross-fitted reward"
            + " model for DM and the DR family: mllib (logistic or linear regression, default) or ridge (the bandit"
            + " learners' ridge regression, one Spark aggregation per fold)")
    String rewardModel;

    @Option(names = "--bootstrap", defaultValue = "200", description = "Poisson-bootstrap replicates")
    int replicates;

    @Option(names = "--level", defaultValue = "0.95", description = "interval level")
    double level;

    @Option(names = "--seed", defaultValue = "1",
            description = "seed of the bootstrap replicates and the cross-fitting folds (default 1)")
    long seed;

    @Option(names = "--report", description = "JSON report path")
    String report;

    @Option(names = "--chart", description = "PNG chart path")
    String chart;

    @Option(names = "--max-bad-fraction", defaultValue = "0.05",
            description = "fail (exit 3) when more than this share of events is unusable (default 0.05)")
    double maxBadFraction;

    @Option(names = "--episodes", description = "the data is an episodes table; needs --target-column (per-step"
            + " target probabilities over all actions) or --target-policy")
    boolean episodes;

    @Option(names = "--target-policy", description = "episodes: a batch-RL policy folder (rewind train-rl's"
            + " OUTPUT/policy); its softmax(Q/T) at each step's state is the target")
    String targetPolicy;

    @Option(names = "--gamma", defaultValue = "0.99", description = "discount for episodes (default 0.99)")
    double gamma;

    @Option(names = "--fqe-iterations", defaultValue = "30", description = "episodes: fitted Q evaluation"
            + " iterations for SDR, WDR and DM (0: importance sampling only)")
    int fqeIterations;

    @Option(names = "--slates", description = "evaluate the slate decisions (ranked top-k lists) with slate IPS and"
            + " reward-interaction IPS")
    boolean slates;

    @picocli.CommandLine.Mixin
    RegistryRunOptions run = new RegistryRunOptions();

    /** --report and --chart for the episodes and slates evaluations (the bandit one writes its own). */
    private void writeOutputs(EvaluationReport r) {
        if (report != null) {
            EvaluateJob.writeJson(LocalSpark.getOrCreate("rewind evaluate"), r, report);
        }
        if (chart != null) {
            EstimateChart.write(r, chart);
        }
    }

    @Override
    public Integer call() {
        if (episodes) {
            EpisodeEvaluation.Result r = EpisodeEvaluation.run(LocalSpark.getOrCreate("rewind evaluate"), data,
                    TableFormat.parse(dataFormat), targetColumn, targetPolicy, gamma, replicates, level, seed,
                    fqeIterations);
            System.out.println("rewind evaluate (episodes: " + r.episodes() + ", steps quarantined: "
                    + r.stepsQuarantined() + ")\n" + EvaluateJob.table("", r.estimates()));
            writeOutputs(new EvaluationReport(r.episodes() + r.stepsQuarantined(), r.episodes(), r.stepsQuarantined(),
                    level, r.estimates(), null, null, null));
            return 0;
        }
        if (slates) {
            if (target == null) {
                throw new IllegalArgumentException("--slates needs --target (a decisions table with action_probs)");
            }
            SlateEvaluation.Result r = SlateEvaluation.run(LocalSpark.getOrCreate("rewind evaluate"), data,
                    TableFormat.parse(dataFormat), target, TableFormat.parse(targetFormat), replicates, level, seed);
            System.out.println("rewind evaluate (slates: " + r.slates() + ")\n"
                    + EvaluateJob.table("", r.estimates()) + (r.note() == null ? "" : r.note() + "\n"));
            writeOutputs(new EvaluationReport(r.slates(), r.slates(), 0, level, r.estimates(), null, null, null));
            return 0;
        }
        EvaluateConfig c = new EvaluateConfig(data, TableFormat.parse(dataFormat), split, observedOnly, target,
                TableFormat.parse(targetFormat), targetColumn, incumbent, TableFormat.parse(incumbentFormat), estimators, clip, tau,
                lambda, folds, replicates, level, seed, report, chart, maxBadFraction, targetModel, incumbentModel,
                rewardModel);
        var spark = LocalSpark.getOrCreate("rewind evaluate");
        EvaluationReport[] r = new EvaluationReport[1];
        run.record(spark, "evaluate", data, report, () -> {
            r[0] = EvaluateJob.run(spark, c);
            io.rewind.jobs.JobSummary s = new io.rewind.jobs.JobSummary("evaluate").put("rows_used", r[0].rowsUsed())
                    .put("logged_value", r[0].logged().value());
            r[0].target().forEach(e -> s.put(e.estimator(), e.value()));
            return s;
        });
        System.out.println("rewind evaluate\n" + EvaluateJob.table(r[0]));
        return 0;
    }
}
