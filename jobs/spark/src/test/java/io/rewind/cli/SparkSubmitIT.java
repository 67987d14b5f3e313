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

/** The built jar through Spark's real submit path (org.apache.spark.deploy.SparkSubmit), as spark-submit runs it. */
class SparkSubmitIT {
    static final Path TARGET = Path.of("target");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run submit(String... args) throws IOException, InterruptedException {
        String jar = TARGET.resolve("rewind-jobs-spark.jar").toAbsolutePath().toString();
        String classpath = Files.readString(TARGET.resolve("classpath.txt")).trim();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        cmd.addAll(Arrays.asList(Files.readString(TARGET.resolve("jvm-flags.txt")).trim().split("\\s+")));
        cmd.addAll(List.of("-cp", jar + ":" + classpath, "org.apache.spark.deploy.SparkSubmit",
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
    void simulateAndJoinThroughSparkSubmit() throws Exception {
        String logs = dir.resolve("logs").toString();
        Run sim = submit("simulate", "--output", logs, "--rows", "2000", "--malformed", "0.02", "--partitions", "2");
        assertEquals(0, sim.exit(), sim.err());
        String out = dir.resolve("interactions").toString();
        Run join = submit("join", "--decisions", logs + "/decisions", "--rewards", logs + "/rewards", "--output", out,
                "--reward-window", "5m", "--max-bad-fraction", "0.2");
        assertEquals(0, join.exit(), join.err());
        assertTrue(join.out().matches("(?s).*status\\s+SUCCEEDED.*"), join.out());
        String summary = Files.readString(Path.of(out + "_summary.json"));
        assertTrue(summary.contains("\"decisions\" : 2000"), summary);
        assertTrue(Files.isDirectory(Path.of(out, "_delta_log")), "a Delta table");

        Run strict = submit("join", "--decisions", logs + "/decisions", "--rewards", logs + "/rewards", "--output",
                dir.resolve("strict").toString(), "--max-bad-fraction", "0.001");
        assertEquals(Rewind.EXIT_TOO_MANY_BAD_ROWS, strict.exit(), strict.err());
        assertTrue(strict.err().contains("over --max-bad-fraction 0.001"), strict.err());

        Run missing = submit("join", "--decisions", dir.resolve("nothing-here").toString(), "--rewards", logs,
                "--output", dir.resolve("x").toString());
        assertEquals(Rewind.EXIT_BAD_INPUT, missing.exit(), missing.err());
        assertTrue(missing.err().contains("decisions: no such file or folder"), missing.err());
    }
}
