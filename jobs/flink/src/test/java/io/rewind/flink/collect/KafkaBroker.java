package io.rewind.flink.collect;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker as an operator runs one: {@code kafka.Kafka} in its own JVM (KRaft, broker and controller in one
 * node) with only a Kafka distribution's jars (jobs/kafka-distribution/target/kafka/libs) on its classpath, its
 * storage formatted first with {@code kafka.tools.StorageTool}, listening on 127.0.0.1 at a free port.
 */
final class KafkaBroker implements AutoCloseable {
    static final Path LIBS = Path.of("..", "kafka-distribution", "target", "kafka", "libs").toAbsolutePath()
            .normalize();

    private final Process process;
    final int port;

    KafkaBroker(Path dir, int partitions) throws Exception {
        port = freePort();
        int controller = freePort();
        Path props = dir.resolve("server.properties");
        Files.createDirectories(dir);
        Files.writeString(props, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=" + partitions,
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0") + "\n");
        String clusterId = run(dir, "uuid", List.of("kafka.tools.StorageTool", "random-uuid")).trim();
        run(dir, "format", List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", props.toString()));
        process = new ProcessBuilder(java("-Xmx512m", "kafka.Kafka", props.toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("broker.log").toFile()).start();
        FlinkCluster.waitForPort(port, process, dir.resolve("broker.log"));
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    private static List<String> java(String heap, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap));
        cmd.addAll(FlinkCluster.SHORT_LIVED_JVM);
        cmd.addAll(List.of("-cp", LIBS + "/*"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String run(Path dir, String name, List<String> args) throws Exception {
        Path out = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(java("-Xmx256m", args.toArray(new String[0]))).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", args) + " failed: " + Files.readString(out));
        }
        return Files.readString(out).lines().reduce((a, b) -> b).orElse("");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean open(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
