package io.rewind.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewind.formats.JsonCodec;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.registry.Registry;
import io.rewind.jobs.simulate.SimulateJob;
import io.rewind.rl.sim.LoggedBanditConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retraining round: its commands are the Airflow DAG's (the golden file the Python tests check), and they run
 * for real: join, train, promote; a failed step and its retry; a second interval warm-started from the hosted model.
 */
class PipelineJobTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final Path DAGS = Path.of("..", "..", "airflow-dags");

    @TempDir
    Path dir;

    @Test
    void theCommandsAreTheDagsCommands() throws Exception {
        PipelineConfig c = PipelineConfig.read(DAGS.resolve("examples/retrain.yaml"));
        JsonNode expected = JsonCodec.MAPPER.readTree(DAGS.resolve("tests/expected-commands.json").toFile());
        JsonNode actual = JsonCodec.MAPPER.valueToTree(PipelineJob.commands(c, "2026-05-01"));
        assertEquals(expected, actual, "rewind pipeline commands and rewind_dags.pipeline_tasks agree");
    }

    static void log(Path logs, String interval, long seed) {
        SimulateJob.run(SPARK, new LoggedBanditConfig(3000, 4, 4, seed, "uniform", 0.2,
                Instant.parse(interval + "T00:00:00Z"), 10, 5, 0.0, 0.0, 0.0), logs.resolve(interval).toString(),
                TableFormat.JSONL, 2);
    }

    @Test
    void aRoundRunsFailsRetriesAndTheNextOneWarmStarts() throws Exception {
        Path logs = dir.resolve("logs");
        String yaml = String.join("\n", "experiment: loop", "registry: " + dir.resolve("registry"),
                "decisions: " + logs + "/{interval}/decisions", "rewards: " + logs + "/{interval}/rewards",
                "interactions: " + dir.resolve("interactions"), "models: " + dir.resolve("models"),
                "learner: greedy", "reward_window: 1d", "train_ratio: 0.5", "");
        Path config = dir.resolve("retrain.yaml");
        Files.writeString(config, yaml);
        PipelineConfig c = PipelineConfig.read(config);
        Registry registry = new Registry(SPARK, c.registry());

        JobSummary failed = PipelineJob.run(SPARK, c, "2026-05-01");
        assertEquals("FAILED", failed.get("status"), "no logs yet: the join fails");
        log(logs, "2026-05-01", 21);
        JobSummary retried = PipelineJob.run(SPARK, c, "2026-05-01");
        assertEquals("SUCCEEDED", retried.get("status"), retried.toTable());
        String first = registry.hosted("loop").orElseThrow();
        JobSummary again = PipelineJob.run(SPARK, c, "2026-05-01");
        assertEquals("skipped (done before)", again.get("join"));
        assertEquals("skipped (done before)", again.get("promote"));

        log(logs, "2026-05-02", 22);
        JobSummary second = PipelineJob.run(SPARK, c, "2026-05-02");
        assertEquals("SUCCEEDED", second.get("status"), second.toTable());
        String trained = dir.resolve("models").resolve("loop-2026-05-02.json").toString();
        assertTrue(io.rewind.rl.bandit.BanditModel.load(Path.of(trained)).provenance().data()
                .contains("warm-started from " + registry.model(first).orElseThrow().getAs("path")),
                "the next round starts from the hosted model");
        long runs = registry.table("runs").filter("experiment_id = 'loop' and kind like 'pipeline-%'").count();
        assertEquals(1 + 3 + 3, runs, "a failed join, then three steps per round; the skipped ones are not run");
        var trainRuns = registry.table("runs").filter("experiment_id = 'loop' and kind = 'train'").collectAsList();
        assertEquals(2, trainRuns.size(), "train-bandit records itself as a run of the experiment");
        assertTrue(trainRuns.get(0).<String>getAs("inputs").contains("\"delta_version\""), "with input versions");
    }
}
