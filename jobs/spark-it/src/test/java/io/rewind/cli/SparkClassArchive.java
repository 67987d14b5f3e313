package io.rewind.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class-data-sharing archive (JDK 17's dynamic AppCDS) of the classes a Spark JVM loads from Spark's jars, for
 * the JVMs these tests start: every Master, Worker, spark-submit, executor, cluster-mode driver and local rewind
 * process maps the classes parsed and verified once, instead of each doing it again on CI's two cores. Test-only,
 * like {@link SparkCluster#SHORT_LIVED_JVM}: nothing a user runs depends on it.
 *
 * <p>Dumped once per build (the two test JVMs take a file lock) by a local spark-submit of {@code simulate}, with only
 * Spark's jars on its class path, as every JVM that maps it has them first (a JVM whose class path does not begin
 * so says it cannot use the archive, in its output). On this machine, 2026-12-06: the dump 28 CPU-s; a 2,000-row
 * join submitted locally 20-27 CPU-s without the archive, 16-20 with it. A quickstart's dump (more of the classes
 * the jobs load) cost 135 CPU-s and gave the join no more.
 */
final class SparkClassArchive {
    static final Path ARCHIVE = Path.of("target", "spark-classes.jsa").toAbsolutePath();

    private SparkClassArchive() {
    }

    /** The options that map the archive, dumping it first if this build has not. */
    static synchronized List<String> options() throws IOException {
        Path lock = ARCHIVE.resolveSibling("spark-classes.lock");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            if (!Files.exists(ARCHIVE)) {
                dump();
            }
        }
        return List.of("-XX:SharedArchiveFile=" + ARCHIVE);
    }

    private static void dump() throws IOException {
        Path work = Files.createTempDirectory(ARCHIVE.getParent(), "spark-classes");
        Path partial = work.resolve("spark-classes.jsa");
        List<String> cmd = new ArrayList<>(SparkCluster.javaWithoutArchive("-Xmx1g"));
        cmd.add(1, "-XX:ArchiveClassesAtExit=" + partial);
        cmd.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", "local[1]", "--conf",
                "spark.ui.enabled=false", "--class", "io.rewind.cli.Rewind", SparkCluster.assembly(), "simulate",
                "--output", work.resolve("logs").toString(), "--rows", "2000"));
        Path log = work.resolve("dump.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", SparkCluster.SPARK_HOME.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("the class archive's dump did not end in 10 minutes: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (p.exitValue() != 0 || !Files.exists(partial)) {
            throw new IllegalStateException("the class archive's dump failed (exit " + p.exitValue() + "):\n"
                    + Files.readString(log));
        }
        Files.move(partial, ARCHIVE, StandardCopyOption.ATOMIC_MOVE);
    }
}
