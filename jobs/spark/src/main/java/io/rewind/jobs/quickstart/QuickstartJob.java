package io.rewind.jobs.quickstart;

import io.rewind.formats.JoinRules;
import io.rewind.formats.TableFormat;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.bandit.TrainBanditConfig;
import io.rewind.jobs.bandit.TrainBanditJob;
import io.rewind.rl.bandit.Reduction;
import io.rewind.jobs.evaluate.BanditEstimation;
import io.rewind.jobs.evaluate.BanditEstimator;
import io.rewind.jobs.evaluate.BanditEvaluation;
import io.rewind.jobs.evaluate.BanditEvaluationConfig;
import io.rewind.jobs.evaluate.EvaluationInput;
import io.rewind.jobs.evaluate.PolicySource;
import io.rewind.jobs.evaluate.ReportOutputs;
import io.rewind.jobs.evaluate.ReportTable;
import io.rewind.jobs.evaluate.SplitSelection;
import io.rewind.jobs.evaluate.EvaluationReport;
import io.rewind.jobs.join.JoinConfig;
import io.rewind.jobs.join.JoinJob;
import io.rewind.jobs.simulate.SimulateJob;
import io.rewind.rl.sim.LoggedBanditConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The quickstart pipeline on local files: simulate logs (with a target policy and its true value), join them into
 * Delta, evaluate the target off-line on the eval split. Each step is an ordinary job; progress goes to {@code out}.
 */
public final class QuickstartJob {
    private QuickstartJob() {
    }

    /** What the quickstart produced: each step's summary, the evaluation, and the target's true value. */
    public record Result(JobSummary simulated, JobSummary joined, EvaluationReport evaluation,
                         double targetTrueValue, JobSummary trained, EvaluationReport modelEvaluation,
                         List<Double> loggedRewardByRound) {
    }

    public static Result run(SparkSession spark, String base, long rows, PrintStream out) {
        LoggedBanditConfig sim = new LoggedBanditConfig(rows, 5, 4, 7, "epsilon-greedy", 0.2,
                Instant.parse("2026-01-01T00:00:00Z"), 2, 30, 0.1, 0.02, 0.005);
        out.println("1. simulate: " + rows + " decisions by an epsilon-greedy policy, 0.5% malformed rows, into "
                + base + "/logs");
        JobSummary simulated = SimulateJob.run(spark, sim, base + "/logs", TableFormat.JSONL, 2, 0.02);
        out.println(simulated.toTable());

        String output = base + "/interactions";
        JoinConfig join = new JoinConfig(List.of(base + "/logs/decisions"), TableFormat.JSONL,
                List.of(base + "/logs/rewards"), TableFormat.JSONL, output, TableFormat.DELTA,
                JoinConfig.defaultQuarantine(output), JoinConfig.defaultSummary(output),
                new JoinRules(Duration.ofMinutes(2), 0.0, false, JoinRules.Aggregation.FIRST, 0.8), 0.05);
        out.println("2. join: decisions with rewards inside a 2 minute window, into " + output + " (Delta)");
        JobSummary joined = JoinJob.run(spark, join);
        out.println(joined.toTable());
        out.println("Quarantined rows and their reasons: " + join.quarantine());

        out.println("\n3. evaluate: what if the logging model had explored less (epsilon 0.02 instead of 0.2)?"
                + " Off-policy estimates from the logged data alone, on the eval split:");
        EvaluationInput interactions = EvaluationInput.of(output, TableFormat.DELTA);
        BanditEvaluationConfig eval = BanditEvaluationConfig.of(interactions,
                        PolicySource.table(base + "/logs/target", TableFormat.JSONL))
                .withSplit(SplitSelection.EVAL, true)
                .withOutputs(new ReportOutputs(base + "/evaluation.json", base + "/evaluation.png",
                        ((Number) simulated.get("target_true_value")).doubleValue()));
        EvaluationReport report = BanditEvaluation.run(spark, eval);
        double truth = eval.outputs().trueValue();
        out.print(ReportTable.of(report));
        out.println("true value of the target policy (known to the simulator): " + truth);
        out.println("Report: " + eval.outputs().report() + ", chart: " + eval.outputs().chart());

        String model = base + "/models/linucb.json";
        out.println("\n4. train-bandit: LinUCB from the train split (importance-weighted regression), saved to "
                + model);
        JobSummary trained = TrainBanditJob.run(spark, new TrainBanditConfig(List.of(output), TableFormat.DELTA,
                "linucb", Reduction.MTR, "train", null, false, 4, 1, model, 0.05));
        out.println(trained.toTable());
        out.println("5. evaluate the trained model off-line on the eval split, against the logging policy:");
        BanditEvaluationConfig modelEval = BanditEvaluationConfig.of(interactions, PolicySource.model(model))
                .withSplit(SplitSelection.EVAL, true)
                .withEstimation(BanditEstimation.DEFAULTS.withEstimators(BanditEstimator.IPS, BanditEstimator.SNIPS,
                        BanditEstimator.DR))
                .withOutputs(new ReportOutputs(base + "/model-evaluation.json", base + "/model-evaluation.png"));
        EvaluationReport modelReport = BanditEvaluation.run(spark, modelEval);
        out.print(ReportTable.of(modelReport));
        out.println("\n6. the loop: promote the model, then rounds of logging with the hosted model, retraining"
                + " (warm-started) and promoting when DR says the candidate is better (registry in " + base
                + "/registry):");
        List<Double> byRound = RetrainingLoop.run(spark, base, sim, output, model, 2, out);
        return new Result(simulated, joined, report, truth, trained, modelReport, byRound);
    }
}
