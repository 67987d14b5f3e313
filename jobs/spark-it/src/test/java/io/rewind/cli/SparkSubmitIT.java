package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembly jar through Spark's real submit path (org.apache.spark.deploy.SparkSubmit) on {@code local[2]}, with
 * only a Spark distribution's jars beside it, as {@code spark-submit} runs it; exit codes as the README lists them.
 */
class SparkSubmitIT {
    @TempDir
    Path dir;

    static SparkCluster.Run submit(Path dir, String... args) throws Exception {
        return SparkCluster.submitTo("local[2]", dir, "client", List.of(), args);
    }

    @Test
    void exitCodesComeThroughSparkSubmit() throws Exception {
        SparkCluster.Run missing = submit(dir, "join", "--decisions", dir.resolve("nothing-here").toString(), "--rewards",
                dir.toString(), "--output", dir.resolve("x").toString());
        assertEquals(Rewind.EXIT_BAD_INPUT, missing.exit(), missing.err());
        assertTrue(missing.err().contains("decisions: no such file or folder"), missing.err());
        SparkCluster.Run bogus = submit(dir, "join", "--decisions", dir.toString(), "--rewards", dir.toString(), "--output",
                dir.resolve("y").toString(), "--aggregation", "bogus");
        assertEquals(Rewind.EXIT_BAD_INPUT, bogus.exit(), bogus.err());
    }
}
