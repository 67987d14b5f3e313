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
 * {@code rewind join} writing where it cannot, as a real process whose output folder is mounted in a private mount
 * namespace (nothing outside the test sees it): a full disk (a 64 KB tmpfs) ends with exit 1 and one line saying the
 * disk is full, and leaves no table, staging folder or part file presented as its output; a read-only folder (a
 * read-only bind mount: as root, permissions alone would not stop the write) ends with exit 2 and one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnwritableOutputIT {
    @TempDir
    static Path dir;

    String logs;

    @BeforeAll
    void log() {
        LocalSpark.forTests();
        logs = dir.resolve("logs").toString();
        assertEquals(0, Rewind.execute("simulate", "--output", logs, "--rows", "5000", "--partitions", "2"));
    }

    /**
     * Runs the join as a process whose output folder {@code disk} is first mounted by {@code mount} (a shell line
     * using $DISK), and lists what the run left there before the namespace (and the mount) goes away. Returns the
     * exit code; the output is in {@code run-NAME.log}, the listing in {@code listing-NAME.txt}.
     */
    int joinInto(String name, String format, String mount) throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk-" + name));
        String out = disk.resolve("interactions").toString();
        List<String> java = SparkCluster.java("-Xmx2g", SparkCluster.assembly()); // as ./rewind runs it
        java.addAll(SparkCluster.interpretedSpark());
        java.addAll(List.of("-Dspark.master=local[1]", "-Drewind.progress.seconds=0",
                "-Dlog4j2.configurationFile=classpath:rewind-log4j2.properties", "io.rewind.cli.Rewind", "join",
                "--decisions", logs + "/decisions", "--rewards", logs + "/rewards", "--output", out,
                "--output-format", format));
        String script = mount + " || exit 99; \"$@\"; rc=$?; (cd \"$DISK\" && find . | sort) > \"$LISTING\";"
                + " exit $rc";
        List<String> cmd = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c", script,
                "sh"));
        cmd.addAll(java);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("run-" + name + ".log").toFile());
        pb.environment().put("DISK", disk.toString());
        pb.environment().put("LISTING", dir.resolve("listing-" + name + ".txt").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the join ended");
        return p.exitValue();
    }

    /** The one line the command said, after checking it said nothing else of note (no trace, a few lines). */
    String oneLine(String name) throws Exception {
        String printed = Files.readString(dir.resolve("run-" + name + ".log"));
        List<String> said = printed.lines().filter(l -> l.startsWith("rewind")).toList();
        assertEquals(1, said.size(), printed);
        assertFalse(printed.contains("\tat "), "no stack trace: " + printed);
        assertTrue(printed.lines().count() < 10, "a few lines, not a trace per failed task: " + printed);
        return said.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "delta"})
    void aReadOnlyOutputIsRefusedInOneLine(String format) throws Exception {
        int exit = joinInto("ro-" + format, format, "mount --bind \"$DISK\" \"$DISK\" && mount -o remount,bind,ro"
                + " \"$DISK\"");
        String said = oneLine("ro-" + format);
        assertEquals(2, exit, said);
        assertTrue(said.contains("the file system refuses it (read-only, no permission, or a file where a folder is"
                + " needed)"), said);
        assertTrue(said.contains(dir.resolve("disk-ro-" + format).toString()), "names the path: " + said);
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "delta"})
    void aFullDiskEndsInOneLineAndLeavesNothingPresentedAsDone(String format) throws Exception {
        int exit = joinInto(format, format, "mount -t tmpfs -o size=64k tmpfs \"$DISK\"");
        String said = oneLine(format);
        assertEquals(1, exit, said);
        Path listing = dir.resolve("listing-" + format + ".txt");
        assertTrue(said.contains("no space left on the device holding"), said);

        List<String> left = Files.readAllLines(listing);
        assertTrue(left.stream().noneMatch(f -> f.contains("_staging-")), "staging removed: " + left);
        assertTrue(left.stream().noneMatch(f -> f.endsWith(".parquet") && !f.contains("_delta_log")),
                "no part file left as output: " + left);
        assertTrue(left.stream().noneMatch(f -> f.matches(".*_delta_log/0+\\.json")), "no Delta commit: " + left);
    }
}
