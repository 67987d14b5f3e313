package io.rewind.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewind.formats.Json;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.registry.Registry;
import io.rewind.jobs.simulate.SimulateJob;
import io.rewind.rl.sim.LoggedBanditConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retraining round: its commands are the Airflow DAG's (the golden file the Python tests check), and they run
 * for real: join, train, promote; a failed step and its retry; a second interval warm-started from the hosted model.
 */
class PipelineJobTest {
    static final PipelineJob.CommandRunner CLI = args -> io.rewind.cli.Rewind.execute(args.toArray(new String[0]));
    static final SparkSession SPARK = LocalSpark.forTests();
    static final Path DAGS = Path.of("..", "..", "airflow-dags");

    @TempDir
    Path dir;

    @Test
    void theCommandsAreTheDagsCommands() throws Exception {
        PipelineConfig c = PipelineConfig.read(DAGS.resolve("examples/retrain.yaml"));
        JsonNode expected = Json.tree(DAGS.resolve("tests/expected-commands.json"));
        JsonNode actual = Json.toTree(PipelineJob.commands(c, "2026-05-01"));
        assertEquals(expected, actual, "rewind pipeline commands and rewind_dags.pipeline_tasks agree");
    }

    static void log(Path logs, String interval, long seed) {
        SimulateJob.run(SPARK, new LoggedBanditConfig(3000, 4, 4, seed, "uniform", 0.2,
                Instant.parse(interval + "T00:00:00Z"), 10, 5, 0.0, 0.0, 0.0), logs.resolve(interval).toString(),
                TableFormat.JSONL, 2);
    }

    static PipelineConfig config(Path dir, Path logs, String learner) throws Exception {
        String yaml = String.join("\n", "experiment: loop", "registry: " + dir.resolve("registry"),
                "decisions: " + logs + "/{interval}/decisions", "rewards: " + logs + "/{interval}/rewards",
                "interactions: " + dir.resolve("interactions"), "models: " + dir.resolve("models"),
                "learner: " + learner, "reward_window: 1d", "train_ratio: 0.5", "");
        Path file = dir.resolve("retrain-" + learner + ".yaml");
        Files.writeString(file, yaml);
        return PipelineConfig.read(file);
    }

    @Test
    void aFailureMidRoundIsRetriedWithoutRedoingTheJoinAndTheNextRoundWarmStarts() throws Exception {
        Path logs = dir.resolve("logs");
        log(logs, "2026-05-01", 21);
        Registry registry = new Registry(SPARK, dir.resolve("registry").toString());

        JobSummary failed = PipelineJob.run(SPARK, config(dir, logs, "no-such-learner"), "2026-05-01", CLI);
        assertEquals("FAILED", failed.get("status"), failed.toTable());
        assertEquals("done", failed.get("join"));
        assertTrue(String.valueOf(failed.get("train")).startsWith("failed"), failed.toTable());
        PipelineConfig c = config(dir, logs, "greedy");
        JobSummary retried = PipelineJob.run(SPARK, c, "2026-05-01", CLI);
        assertEquals("SUCCEEDED", retried.get("status"), retried.toTable());
        assertEquals("skipped (done before)", retried.get("join"), "the retry does not redo the join");
        String first = registry.hosted("loop").orElseThrow();
        JobSummary again = PipelineJob.run(SPARK, c, "2026-05-01", CLI);
        assertEquals("skipped (done before)", again.get("train"));
        assertEquals("skipped (done before)", again.get("promote"));

        log(logs, "2026-05-02", 22);
        JobSummary second = PipelineJob.run(SPARK, c, "2026-05-02", CLI);
        assertEquals("SUCCEEDED", second.get("status"), second.toTable());
        String trained = dir.resolve("models").resolve("loop-2026-05-02.json").toString();
        assertTrue(io.rewind.rl.bandit.BanditModel.load(Path.of(trained)).provenance().data()
                .contains("warm-started from " + registry.model(first).orElseThrow().getAs("path")),
                "the next round starts from the hosted model");
        long steps = registry.table("runs").filter("experiment_id = 'loop' and kind like 'pipeline-%'").count();
        assertEquals(2 + 2 + 3, steps, "join and a failed train, the retry's train and promote, a second round");
        var trainRuns = registry.table("runs").filter("experiment_id = 'loop' and kind = 'train'")
                .orderBy("started_at").collectAsList();
        assertEquals(List.of("FAILED", "SUCCEEDED", "SUCCEEDED"), trainRuns.stream().map(r -> r.<String>getAs("state"))
                .toList(), "train-bandit records itself as a run of the experiment");
        assertTrue(trainRuns.get(1).<String>getAs("inputs").contains("\"delta_version\""), "with input versions");
    }
}
