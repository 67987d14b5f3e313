package io.rewind.flink.collect;

import io.rewind.formats.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Flink session cluster as an operator runs one, from a Flink distribution's lib/ (jobs/flink-distribution; the
 * flink-dist jar itself is not on Maven Central, its parts are): a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}, with the memory flags
 * Flink's {@code taskmanager.sh} computes through {@code BashJavaUtils}) as separate JVMs on 127.0.0.1, and jobs
 * submitted through Flink's CLI ({@code CliFrontend}, what {@code flink run} runs) with the assembly jar.
 */
final class FlinkCluster implements AutoCloseable {
    static final Path LIB = Path.of("..", "flink-distribution", "target", "flink", "lib").toAbsolutePath().normalize();
    static final Path TARGET = Path.of("target").toAbsolutePath();

    record Run(int exit, String out) {
    }

    /** What a Flink 2.2 distribution's config.yaml sets as {@code env.java.default-opts.all} for every Flink JVM. */
    static final List<String> JVM_OPTS = List.of("--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /**
     * JVM options only the tests add to the processes they start (the JobManager, TaskManagers, the CLI and the Kafka
     * broker): each lives for seconds to minutes on small data, where C2's compiler threads and the parallel
     * collector's threads compete with the work for CI's two cores. The same choice as the Spark cluster tests'.
     */
    static final List<String> SHORT_LIVED_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Path dir;
    private final Path conf;
    private final Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();
    final int restPort;

    FlinkCluster(Path dir) throws Exception {
        this.dir = Files.createDirectories(dir);
        this.conf = Files.createDirectories(dir.resolve("conf"));
        restPort = KafkaBroker.freePort();
        // small memory for a 2-core CI machine; a TaskManager lost to SIGKILL is noticed within seconds; the JVMs'
        // working files (blobs, RPC jar, spilled state: 239 MB a TaskManager) in the test's folder, not left in /tmp
        Files.writeString(conf.resolve("config.yaml"), String.join("\n",
                "io.tmp.dirs: " + Files.createDirectories(dir.resolve("tmp")),
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + KafkaBroker.freePort(),
                "jobmanager.bind-host: 127.0.0.1",
                "jobmanager.memory.process.size: 1024m",
                "taskmanager.bind-host: 127.0.0.1",
                "taskmanager.host: 127.0.0.1",
                "taskmanager.numberOfTaskSlots: 2",
                "taskmanager.memory.process.size: 1536m",
                "rest.address: 127.0.0.1",
                "rest.bind-address: 127.0.0.1",
                "rest.port: " + restPort,
                "blob.server.port: " + KafkaBroker.freePort(),
                "heartbeat.interval: 1000",
                "heartbeat.timeout: 5000",
                "parallelism.default: 2") + "\n");
        jobManager = start("jobmanager", List.of("-Xmx700m"),
                List.of("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "--configDir",
                        conf.toString()));
        waitForPort(restPort, jobManager, dir.resolve("jobmanager.log"));
    }

    /** Starts a TaskManager as {@code taskmanager.sh} does, and waits until the JobManager counts it. */
    Process startTaskManager() throws Exception {
        Path out = dir.resolve("tm-params.txt");
        Process p = new ProcessBuilder(java(List.of("-Xmx256m"), List.of(
                "org.apache.flink.runtime.util.bash.BashJavaUtils", "GET_TM_RESOURCE_PARAMS", "--configDir",
                conf.toString()))).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("BashJavaUtils failed: " + Files.readString(out));
        }
        List<String> result = Files.readAllLines(out).stream().filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length())).toList();
        List<String> main = new ArrayList<>(List.of("org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                "--configDir", conf.toString()));
        main.addAll(Arrays.asList(result.get(1).trim().split("\\s+")));
        java.util.Set<String> before = taskManagerIds();
        Process tm = start("taskmanager-" + taskManagers.size(), Arrays.asList(result.get(0).trim().split("\\s+")),
                main);
        taskManagers.add(tm);
        Await.until(Duration.ofMinutes(2), "the new TaskManager's registration", () -> {
            if (!tm.isAlive()) {
                throw new IllegalStateException("the TaskManager exited before it registered");
            }
            return !before.containsAll(taskManagerIds());
        });
        return tm;
    }

    /** The TaskManagers the JobManager knows (a killed one until its heartbeat times out), from its REST API. */
    java.util.Set<String> taskManagerIds() throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (var tm : Json.tree(rest("/taskmanagers")).get("taskmanagers")) {
            ids.add(tm.get("id").asText());
        }
        return ids;
    }

    String rest(String path) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + restPort + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    static String assembly() throws Exception {
        try (var files = Files.list(TARGET)) {
            return files.filter(p -> p.getFileName().toString().matches("rewind-flink-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no assembly jar in " + TARGET)).toString();
        }
    }

    /** {@code flink ARGS} with this cluster's configuration ({@code FLINK_CONF_DIR}); waits up to 5 minutes. */
    Run flink(String... args) throws Exception {
        List<String> main = new ArrayList<>(List.of("org.apache.flink.client.cli.CliFrontend"));
        main.addAll(Arrays.asList(args));
        Path out = Files.createTempFile(dir, "flink", ".out");
        ProcessBuilder pb = new ProcessBuilder(java(List.of("-Xmx512m"), main)).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("FLINK_CONF_DIR", conf.toString());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("flink " + String.join(" ", args) + " did not finish in 5 minutes: "
                    + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private List<String> java(List<String> jvm, List<String> main) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(SHORT_LIVED_JVM);
        cmd.addAll(JVM_OPTS);
        cmd.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties"));
        cmd.add("-cp");
        cmd.add(LIB + "/*");
        cmd.addAll(main);
        return cmd;
    }

    private Process start(String name, List<String> jvm, List<String> main) throws Exception {
        if (!Files.exists(conf.resolve("log4j.properties"))) {
            Files.writeString(conf.resolve("log4j.properties"), String.join("\n",
                    "rootLogger.level = INFO", "rootLogger.appenderRef.out.ref = out",
                    "appender.out.type = Console", "appender.out.name = out",
                    "appender.out.layout.type = PatternLayout", "appender.out.layout.pattern = %d %-5p %c - %m%n")
                    + "\n");
        }
        return new ProcessBuilder(java(jvm, main)).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    static void waitForPort(int port, Process p, Path log) throws Exception {
        Await.until(Duration.ofMinutes(2), "port " + port, () -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("exited before port " + port + " opened: " + Files.readString(log));
            }
            return KafkaBroker.open(port);
        });
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : taskManagers) {
            p.destroyForcibly();
        }
        jobManager.destroyForcibly();
        for (Process p : taskManagers) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
        jobManager.waitFor(30, TimeUnit.SECONDS);
        org.apache.flink.util.FileUtils.deleteDirectoryQuietly(dir.resolve("tmp").toFile());
    }
}
