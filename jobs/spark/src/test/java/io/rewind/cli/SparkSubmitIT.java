package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembly jar through Spark's real submit path (org.apache.spark.deploy.SparkSubmit) on {@code local[2]}, with
 * only a Spark distribution's jars beside it, as {@code spark-submit} runs it; exit codes as the README lists them.
 */
class SparkSubmitIT {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run submit(String... args) throws IOException, InterruptedException {
        String jar = SparkCluster.assembly();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        cmd.addAll(SparkCluster.jvmFlags());
        cmd.addAll(List.of("-cp", SparkCluster.SPARK_HOME.resolve("jars") + "/*", "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--class", "io.rewind.cli.Rewind", jar));
        cmd.addAll(Arrays.asList(args));
        Path out = Files.createTempFile("submit", ".out");
        Path err = Files.createTempFile("submit", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "spark-submit finished");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void exitCodesComeThroughSparkSubmit() throws Exception {
        Run missing = submit("join", "--decisions", dir.resolve("nothing-here").toString(), "--rewards",
                dir.toString(), "--output", dir.resolve("x").toString());
        assertEquals(Rewind.EXIT_BAD_INPUT, missing.exit(), missing.err());
        assertTrue(missing.err().contains("decisions: no such file or folder"), missing.err());
        Run bogus = submit("join", "--decisions", dir.toString(), "--rewards", dir.toString(), "--output",
                dir.resolve("y").toString(), "--aggregation", "bogus");
        assertEquals(Rewind.EXIT_BAD_INPUT, bogus.exit(), bogus.err());
    }
}
