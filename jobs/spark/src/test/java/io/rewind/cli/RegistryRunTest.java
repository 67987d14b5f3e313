package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.registry.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any job given --registry and --experiment is a run in the registry, with paths, Delta versions and its state. */
class RegistryRunTest {
    @TempDir
    Path dir;

    @Test
    void aJoinAndAFailingJoinAreRecorded() throws Exception {
        var spark = LocalSpark.forTests();
        Path golden = Path.of("..", "..", "formats", "src", "test", "resources", "join-golden");
        String out = dir.resolve("interactions").toString();
        String registry = dir.resolve("registry").toString();
        assertEquals(0, Rewind.execute("join", "--decisions", golden.resolve("decisions.jsonl").toString(),
                "--rewards", golden.resolve("rewards.jsonl").toString(), "--output", out, "--max-bad-fraction", "0.5",
                "--registry", registry, "--experiment", "e"));
        assertEquals(2, Rewind.execute("join", "--decisions", dir.resolve("nowhere").toString(), "--rewards",
                dir.resolve("nowhere").toString(), "--output", out, "--registry", registry, "--experiment", "e"));
        List<Row> runs = new Registry(spark, registry).table("runs").orderBy("started_at").collectAsList();
        assertEquals(2, runs.size());
        assertEquals("SUCCEEDED", runs.get(0).getAs("state"));
        assertTrue(runs.get(0).<String>getAs("outputs").contains("\"delta_version\":0"), runs.get(0).toString());
        assertTrue(runs.get(0).<String>getAs("metrics").contains("\"joined\""));
        assertEquals("FAILED", runs.get(1).getAs("state"));
        assertTrue(runs.get(1).<String>getAs("message").contains("nowhere"));
        assertTrue(Files.exists(Path.of(out)));
    }
}
