package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.spark.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rewind join} writing to a full disk, as a real process whose output folder is a 256 KB tmpfs (mounted in a
 * private mount namespace, so nothing outside the test sees it): it ends with exit 1 and one line saying the disk is
 * full, and leaves no table, staging folder or part file presented as its output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FullDiskIT {
    @TempDir
    static Path dir;

    String logs;

    @BeforeAll
    void log() {
        LocalSpark.forTests();
        logs = dir.resolve("logs").toString();
        assertEquals(0, Rewind.execute("simulate", "--output", logs, "--rows", "20000", "--partitions", "2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "delta"})
    void aFullDiskEndsInOneLineAndLeavesNothingPresentedAsDone(String format) throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk-" + format));
        Path listing = dir.resolve("listing-" + format + ".txt");
        Path log = dir.resolve("run-" + format + ".log");
        String out = disk.resolve("interactions").toString();
        List<String> java = SparkCluster.java("-Xmx2g", SparkCluster.assembly()); // as ./rewind runs it
        java.addAll(List.of("-Dspark.master=local[1]", "-Drewind.progress.seconds=0",
                "-Dlog4j2.configurationFile=classpath:rewind-log4j2.properties", "io.rewind.cli.Rewind", "join",
                "--decisions", logs + "/decisions", "--rewards", logs + "/rewards", "--output", out,
                "--output-format", format));
        // mount, run, and list what the run left before the namespace (and the tmpfs) goes away
        String script = "mount -t tmpfs -o size=256k tmpfs \"$DISK\" || exit 99; \"$@\"; rc=$?; "
                + "(cd \"$DISK\" && find . | sort) > \"$LISTING\"; exit $rc";
        List<String> cmd = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c", script,
                "sh"));
        cmd.addAll(java);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DISK", disk.toString());
        pb.environment().put("LISTING", listing.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the join ended");
        String printed = Files.readString(log);
        assertEquals(1, p.exitValue(), printed);

        List<String> said = printed.lines().filter(l -> l.startsWith("rewind")).toList();
        assertEquals(1, said.size(), printed);
        assertTrue(said.get(0).contains("no space left on the device holding"), said.get(0));
        assertFalse(printed.contains("\tat "), "no stack trace: " + printed);
        assertTrue(printed.lines().count() < 10, "a few lines, not a trace per failed task: " + printed);

        List<String> left = Files.readAllLines(listing);
        assertTrue(left.stream().noneMatch(f -> f.contains("_staging-")), "staging removed: " + left);
        assertTrue(left.stream().noneMatch(f -> f.endsWith(".parquet") && !f.contains("_delta_log")),
                "no part file left as output: " + left);
        assertTrue(left.stream().noneMatch(f -> f.matches(".*_delta_log/0+\\.json")), "no Delta commit: " + left);
    }
}
