package io.rewind.jobs.pipeline;

import static org.apache.spark.sql.functions.col;

import io.rewind.formats.Json;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.registry.Registry;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code rewind pipeline}: one retraining round for a data interval, as ordinary CLI steps: join the interval's
 * logs into the interactions table, train a model warm-started from the hosted one, and promote it if it is
 * better (promote evaluates). The steps are plain command lines ({@link #commands}), so the Airflow DAG runs exactly
 * these; {@link #run} runs them in process through the command line it is given (the CLI passes its own), recording
 * each in the registry, and skips a step that already succeeded for the interval, so a retry re-does only what
 * failed.
 */
public final class PipelineJob {
    private PipelineJob() {
    }

    /** One step: its name and its command line (arguments after {@code rewind}). */
    public record Step(String name, List<String> args) {
    }

    /** Runs one command line (arguments after {@code rewind}) and returns its exit code. */
    @FunctionalInterface
    public interface CommandRunner {
        int run(List<String> args);
    }

    public static List<Step> commands(PipelineConfig c, String interval) {
        String decisions = c.decisions().replace("{interval}", interval);
        String rewards = c.rewards().replace("{interval}", interval);
        String model = c.models().replace("{interval}", interval) + "/" + c.experiment() + "-" + interval + ".json";
        List<Step> steps = new java.util.ArrayList<>();
        steps.add(new Step("join", List.of("join", "--decisions", decisions, "--decisions-format", c.logsFormat(),
                "--rewards", rewards, "--rewards-format", c.logsFormat(), "--output", c.interactions(),
                "--reward-window", c.rewardWindow(), "--train-ratio", String.valueOf(c.trainRatio()))));
        // the hosted model is looked up when the step runs, so a DAG defined once warm-starts every round
        steps.add(new Step("train", List.of("train-bandit", "--data", c.interactions(), "--learner", c.learner(),
                "--reduction", c.reduction(), "--model", model, "--warm-start-registry", c.registry(),
                "--experiment", c.experiment())));
        steps.add(new Step("promote", List.of("promote", "--registry", c.registry(), "--experiment", c.experiment(),
                "--candidate", model, "--data", c.interactions(), "--gate", c.gate().toString())));
        return steps;
    }

    /** Runs the interval's steps that have not succeeded yet; each is a run in the registry. */
    public static JobSummary run(SparkSession spark, PipelineConfig c, String interval, CommandRunner rewind) {
        Registry registry = new Registry(spark, c.registry());
        JobSummary summary = new JobSummary("pipeline").put("experiment", c.experiment()).put("interval", interval);
        for (Step step : commands(c, interval)) {
            String kind = "pipeline-" + step.name();
            if (succeeded(registry, c.experiment(), kind, interval)) {
                summary.put(step.name(), "skipped (done before)");
                continue;
            }
            String run = registry.startRun(c.experiment(), kind, Json.objectOf("interval", interval));
            int code = rewind.run(step.args());
            registry.finishRun(run, io.rewind.jobs.registry.RunState.of(code == 0), null, null,
                    "rewind " + String.join(" ", step.args()) + " exited " + code);
            summary.put(step.name(), code == 0 ? "done" : "failed (exit " + code + ")");
            if (code != 0) {
                summary.put("status", "FAILED");
                return summary;
            }
        }
        return summary.put("status", "SUCCEEDED").put("hosted", registry.hosted(c.experiment()).orElse("none"));
    }

    static boolean succeeded(Registry registry, String experiment, String kind, String interval) {
        List<Row> r = registry.table("runs").filter(col("experiment_id").equalTo(experiment)
                .and(col("kind").equalTo(kind)).and(col("state").equalTo(io.rewind.jobs.registry.RunState.SUCCEEDED.name()))
                .and(col("inputs").contains("\"" + interval + "\""))).limit(1).collectAsList();
        return !r.isEmpty();
    }
}
