package io.rewind.cli;

import io.rewind.formats.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster as a platform engineer runs one: a Master and Workers in separate JVMs on 127.0.0.1,
 * each with only a Spark distribution's jars on its classpath (jobs/spark-distribution/target/spark), and jobs
 * submitted through {@code org.apache.spark.deploy.SparkSubmit} from a JVM with the same classpath, the assembly jar
 * as the application: exactly what {@code spark-submit --master spark://...} does.
 */
final class SparkCluster implements AutoCloseable {
    static final Path SPARK_HOME = Path.of("..", "spark-distribution", "target", "spark").toAbsolutePath().normalize();
    /** Where jobs/spark builds the assembly jar and writes the launcher's JVM flags. */
    static final Path TARGET = Path.of("..", "spark", "target").toAbsolutePath().normalize();

    record Run(int exit, String out, String err) {
    }

    private final Path dir;
    private final List<Process> daemons = new ArrayList<>();
    final int port;

    /** Starts a Master and {@code workers} Workers (1 core, 1 GB each) and waits until they have registered. */
    SparkCluster(Path dir, int workers) throws Exception {
        this.dir = dir;
        this.port = freePort();
        daemons.add(start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()))));
        waitForPort(port);
        for (int w = 0; w < workers; w++) {
            Path work = Files.createDirectories(dir.resolve("worker-" + w));
            daemons.add(start("worker-" + w, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--cores", "1", "--memory", "1g", "--work-dir", work.toString(), "--webui-port",
                    String.valueOf(freePort()), master())));
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (Files.readString(dir.resolve("master.log")).split("Registering worker", -1).length - 1 < workers) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("workers did not register: " + Files.readString(dir.resolve(
                        "master.log")));
            }
            Thread.sleep(200);
        }
    }

    String master() {
        return "spark://127.0.0.1:" + port;
    }

    static String assembly() throws IOException {
        try (var files = Files.list(TARGET)) {
            return files.filter(p -> p.getFileName().toString().matches("rewind-spark-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no assembly jar in " + TARGET)).toString();
        }
    }

    static List<String> jvmFlags() throws IOException {
        return Arrays.asList(Files.readString(TARGET.resolve("jvm-flags.txt")).trim().split("\\s+"));
    }

    /**
     * JVM options only the tests add to the processes they start: each lives for seconds to a minute on small data,
     * where C2's compiler threads and the parallel collector's threads compete with the work for CI's two cores (a
     * 20,000-row join process: 47-61 s as shipped, 33-40 s with these).
     */
    static final List<String> SHORT_LIVED_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * The test JVM's own choice of interpreted Spark plans ({@code test.spark.flags} in the parent pom), as options
     * for a local {@code rewind} process a test starts to kill or starve: what such a test checks does not depend on
     * code generation, and without it each process spends about a quarter less CPU on CI's two cores. The cluster's
     * drivers and executors keep Spark's default, so the cluster-versus-local comparisons still cross-check both.
     */
    static List<String> interpretedSpark() {
        return System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("spark.sql.codegen."))
                .sorted().map(k -> "-D" + k + "=" + System.getProperty(k)).toList();
    }

    /**
     * {@code java HEAP FLAGS -cp SPARK_HOME/jars/*[:JARS]}: a JVM with only Spark's jars (and {@code jars}, after
     * them: the class archive needs the class path to begin as its dump's did, and no class of the assembly is also
     * in Spark's jars, so the order changes nothing else).
     */
    static List<String> java(String heap, String... jars) throws IOException {
        List<String> cmd = javaWithoutArchive(heap, jars);
        cmd.addAll(1, SparkClassArchive.options());
        return cmd;
    }

    static List<String> javaWithoutArchive(String heap, String... jars) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(heap);
        cmd.addAll(SHORT_LIVED_JVM);
        cmd.addAll(jvmFlags());
        cmd.add("-cp");
        List<String> cp = new ArrayList<>();
        cp.add(SPARK_HOME.resolve("jars") + "/*");
        cp.addAll(List.of(jars));
        cmd.add(String.join(":", cp));
        return cmd;
    }

    private Process start(String name, List<String> args) throws IOException {
        List<String> cmd = java("-Xmx512m");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", SPARK_HOME.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13"); // what a distribution's load-spark-env.sh sets
        return pb.start();
    }

    /**
     * {@code spark-submit --master spark://... [--deploy-mode MODE] --class io.rewind.cli.Rewind ASSEMBLY ARGS}, with
     * only Spark's jars on the submitting JVM's classpath. Executors get 1 core and 1 GB each.
     */
    Run submit(String deployMode, String... args) throws Exception {
        return submit(deployMode, List.of(), args);
    }

    /** The options the README's submit lines carry. */
    static final List<String> OPTIONS = List.of("--executor-memory", "1g", "--total-executor-cores", "2",
            "--conf", "spark.standalone.submit.waitAppCompletion=true");
    /**
     * Options only the tests add: no web UI, few shuffle and Delta snapshot partitions for their small data, and the
     * short-lived JVM options and class archive for the drivers and executors the Workers start (their class path,
     * SPARK_HOME/conf:SPARK_HOME/jars/*, maps the archive: the conf folder does not exist).
     */
    static List<String> testOnly() throws IOException {
        List<String> jvm = new ArrayList<>(SHORT_LIVED_JVM);
        jvm.addAll(SparkClassArchive.options());
        return List.of("--conf", "spark.ui.enabled=false",
                "--conf", "spark.sql.shuffle.partitions=4", "--conf", "spark.databricks.delta.snapshotPartitions=2",
                "--conf", "spark.driver.extraJavaOptions=" + String.join(" ", jvm),
                "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", jvm));
    }

    /** The submit line as the README shows it for a cluster whose master is spark://HOST:7077. */
    static String readmeLine(String deployMode, String args) throws IOException {
        return "spark-submit --master spark://HOST:7077 --deploy-mode " + deployMode + " " + String.join(" ", OPTIONS)
                + " --class io.rewind.cli.Rewind " + Path.of(assembly()).getFileName() + " " + args;
    }

    Run submit(String deployMode, List<String> conf, String... args) throws Exception {
        return submitTo(master(), dir, deployMode, conf, args);
    }

    /** The same submit to any master ({@code local[2]} included), its output files under {@code dir}. */
    static Run submitTo(String master, Path dir, String deployMode, List<String> conf, String... args)
            throws Exception {
        List<String> cmd = java("-Xmx1g");
        cmd.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master, "--deploy-mode", deployMode));
        cmd.addAll(OPTIONS);
        cmd.addAll(testOnly());
        for (String c : conf) {
            cmd.add("--conf");
            cmd.add(c);
        }
        cmd.addAll(List.of("--class", "io.rewind.cli.Rewind", assembly()));
        cmd.addAll(Arrays.asList(args));
        Path out = Files.createTempFile(dir, "submit", ".out");
        Path err = Files.createTempFile(dir, "submit", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("SPARK_HOME", SPARK_HOME.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13"); // what a distribution's load-spark-env.sh sets
        Process p = pb.start();
        if (!p.waitFor(12, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("spark-submit did not finish in 12 minutes: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        for (Process p : daemons) {
            p.descendants().forEach(ProcessHandle::destroyForcibly); // executors and cluster-mode drivers
            p.destroyForcibly();
        }
        for (Process p : daemons) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the master did not open port " + port);
    }

    /**
     * Scoring requests for {@code transform} from a simulated decisions folder: each decision's id, context (as the
     * shared context) and actions; a malformed line is kept as it is, for the transform to quarantine.
     */
    static List<String> requests(Path decisions) throws java.io.IOException {
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(decisions)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().startsWith(".")
                    && !f.getFileName().toString().startsWith("_")).sorted().toList()) {
                for (String l : Files.readAllLines(f)) {
                    try {
                        var d = Json.tree(l);
                        var r = Json.object();
                        r.set("event_id", d.get("event_id"));
                        r.set("shared_context", d.get("context"));
                        r.set("actions", d.get("actions"));
                        lines.add(r.toString());
                    } catch (java.io.IOException malformed) {
                        lines.add(l);
                    }
                }
            }
        }
        return lines;
    }
}
