package io.rewind.notebook.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A Jupyter kernel for Java, built on JShell: {@code java -cp ... io.rewind.notebook.kernel.Kernel CONNECTION_FILE}.
 * Shell and control requests are served on one thread, which alone touches the sockets; a cell runs on a thread of
 * its own, so that while it runs the control channel still answers (an interrupt stops the cell:
 * {@link CellRunner#interrupt}). The heartbeat echoes on its own thread. There is no stdin channel: a cell cannot
 * ask for input.
 */
public final class Kernel {
    private static final String IMPLEMENTATION_VERSION = "0.1.0";

    private final ConnectionInfo connection;
    private final Message.Signer signer;
    private final String session = UUID.randomUUID().toString();
    private final PrintStream log;
    private final CellRunner cells;
    private final Outputs outputs = Outputs.global();
    private ZMQ.Socket iopub;
    private ZMQ.Poller controlOnly;
    private ZMQ.Socket control;
    private final java.util.concurrent.ExecutorService cellThread = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> new Thread(r, "kernel-cell"));
    private int executionCount;
    private boolean running = true;

    Kernel(ConnectionInfo connection, PrintStream log) {
        this.connection = connection;
        this.signer = new Message.Signer(connection.key());
        this.log = log;
        this.cells = new CellRunner(System.getProperty("java.class.path"));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: Kernel CONNECTION_FILE");
            System.exit(2);
        }
        PrintStream log = System.err;
        ConnectionInfo info = ConnectionInfo.read(Path.of(args[0]));
        System.setOut(Outputs.global().stream("stdout"));
        System.setErr(Outputs.global().stream("stderr"));
        new Kernel(info, log).serve();
        System.exit(0);
    }

    void serve() {
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket shell = bind(zmq, SocketType.ROUTER, connection.shellPort());
            control = bind(zmq, SocketType.ROUTER, connection.controlPort());
            iopub = bind(zmq, SocketType.PUB, connection.iopubPort());
            ZMQ.Socket hb = bind(zmq, SocketType.REP, connection.hbPort());
            Thread heartbeat = new Thread(() -> echo(hb), "kernel-heartbeat");
            heartbeat.setDaemon(true);
            heartbeat.start();
            log.println("rewind-java kernel listening on " + connection.address(connection.shellPort()));
            publish(null, "status", Message.JSON.createObjectNode().put("execution_state", "starting"));

            ZMQ.Poller poller = zmq.createPoller(2);
            poller.register(shell, ZMQ.Poller.POLLIN);
            poller.register(control, ZMQ.Poller.POLLIN);
            controlOnly = zmq.createPoller(1);
            controlOnly.register(control, ZMQ.Poller.POLLIN);
            while (running && !Thread.currentThread().isInterrupted()) {
                if (poller.poll(500) <= 0) continue;
                if (poller.pollin(1)) handle(control, receive(control));
                if (poller.pollin(0)) handle(shell, receive(shell));
            }
        } finally {
            cellThread.shutdownNow();
            cells.close();
        }
    }

    private ZMQ.Socket bind(ZContext zmq, SocketType type, int port) {
        ZMQ.Socket socket = zmq.createSocket(type);
        socket.setLinger(1000);
        socket.bind(connection.address(port));
        return socket;
    }

    private static void echo(ZMQ.Socket hb) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                byte[] ping = hb.recv(0);
                if (ping == null) return;
                hb.send(ping, 0);
            }
        } catch (org.zeromq.ZMQException e) {
            // the context closed: the kernel is shutting down
        }
    }

    private Message receive(ZMQ.Socket socket) {
        List<byte[]> frames = new ArrayList<>();
        do {
            frames.add(socket.recv(0));
        } while (socket.hasReceiveMore());
        try {
            return Message.parse(frames, signer);
        } catch (IllegalArgumentException e) {
            log.println("rewind-java kernel: dropped a message: " + e.getMessage());
            return null;
        }
    }

    private void handle(ZMQ.Socket socket, Message request) {
        if (request == null) return;
        String type = request.type();
        publish(request, "status", Message.JSON.createObjectNode().put("execution_state", "busy"));
        try {
            switch (type) {
                case "kernel_info_request" -> send(socket, request, "kernel_info_reply", kernelInfo());
                case "execute_request" -> execute(socket, request);
                case "complete_request" -> complete(socket, request);
                case "is_complete_request" -> send(socket, request, "is_complete_reply",
                        Message.JSON.createObjectNode().put("status", "unknown"));
                case "comm_info_request" -> {
                    ObjectNode content = Message.JSON.createObjectNode().put("status", "ok");
                    content.putObject("comms");
                    send(socket, request, "comm_info_reply", content);
                }
                case "history_request" -> {
                    ObjectNode content = Message.JSON.createObjectNode().put("status", "ok");
                    content.putArray("history");
                    send(socket, request, "history_reply", content);
                }
                case "interrupt_request" -> {
                    cells.interrupt();
                    send(socket, request, "interrupt_reply", Message.JSON.createObjectNode().put("status", "ok"));
                }
                case "shutdown_request" -> {
                    boolean restart = request.content().path("restart").asBoolean(false);
                    send(socket, request, "shutdown_reply",
                            Message.JSON.createObjectNode().put("status", "ok").put("restart", restart));
                    running = false;
                }
                default -> log.println("rewind-java kernel: ignoring " + type);
            }
        } finally {
            publish(request, "status", Message.JSON.createObjectNode().put("execution_state", "idle"));
        }
    }

    private ObjectNode kernelInfo() {
        ObjectNode content = Message.JSON.createObjectNode()
                .put("status", "ok")
                .put("protocol_version", Message.PROTOCOL_VERSION)
                .put("implementation", "rewind-java")
                .put("implementation_version", IMPLEMENTATION_VERSION)
                .put("banner", "Rewind Java kernel (JShell, Java " + Runtime.version() + ")");
        content.putObject("language_info")
                .put("name", "java")
                .put("version", String.valueOf(Runtime.version().feature()))
                .put("mimetype", "text/x-java-source")
                .put("file_extension", ".jshell")
                .put("codemirror_mode", "java");
        content.putArray("help_links");
        return content;
    }

    private void execute(ZMQ.Socket socket, Message request) {
        String code = request.content().path("code").asText("");
        boolean silent = request.content().path("silent").asBoolean(false);
        if (!silent) executionCount++;
        publish(request, "execute_input",
                Message.JSON.createObjectNode().put("code", code).put("execution_count", executionCount));
        CellRunner.Result result = runServingControl(code);
        System.out.flush();
        System.err.flush();
        for (Outputs.Item item : outputs.drain()) {
            if (item.isStream()) {
                publish(request, "stream",
                        Message.JSON.createObjectNode().put("name", item.stream()).put("text", item.text()));
            } else {
                ObjectNode content = Message.JSON.createObjectNode();
                ObjectNode data = content.putObject("data");
                item.data().forEach(data::put);
                content.putObject("metadata");
                content.putObject("transient");
                publish(request, "display_data", content);
            }
        }
        ObjectNode reply = Message.JSON.createObjectNode().put("execution_count", executionCount);
        if (result.ok()) {
            if (result.value() != null && !silent) {
                ObjectNode content = Message.JSON.createObjectNode().put("execution_count", executionCount);
                content.putObject("data").put("text/plain", result.value());
                content.putObject("metadata");
                publish(request, "execute_result", content);
            }
            reply.put("status", "ok");
            reply.putObject("user_expressions");
            reply.putArray("payload");
        } else {
            CellRunner.CellError error = result.error();
            ObjectNode content = Message.JSON.createObjectNode()
                    .put("ename", error.name()).put("evalue", error.message());
            ArrayNode traceback = content.putArray("traceback");
            error.traceback().forEach(traceback::add);
            publish(request, "error", content.deepCopy());
            reply.put("status", "error").setAll(content);
        }
        send(socket, request, "execute_reply", reply);
    }

    /** Runs a cell on its own thread and serves the control channel (interrupts, shutdown) until it ends. */
    private CellRunner.Result runServingControl(String code) {
        java.util.concurrent.Future<CellRunner.Result> cell = cellThread.submit(() -> cells.run(code));
        while (true) {
            try {
                return cell.get(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (controlOnly.poll(0) > 0 && controlOnly.pollin(0)) {
                    handle(control, receive(control));
                }
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable t = e.getCause();
                return new CellRunner.Result(null, new CellRunner.CellError(t.getClass().getName(),
                        String.valueOf(t.getMessage()), List.of(t.toString())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cells.interrupt();
                return new CellRunner.Result(null, new CellRunner.CellError("Interrupted",
                        "the kernel is shutting down", List.of()));
            }
        }
    }

    private void complete(ZMQ.Socket socket, Message request) {
        String code = request.content().path("code").asText("");
        int cursor = request.content().path("cursor_pos").asInt(code.length());
        CellRunner.Completions completions = cells.complete(code, cursor);
        ObjectNode content = Message.JSON.createObjectNode()
                .put("status", "ok")
                .put("cursor_start", completions.start())
                .put("cursor_end", completions.end());
        ArrayNode matches = content.putArray("matches");
        completions.matches().forEach(matches::add);
        content.putObject("metadata");
        send(socket, request, "complete_reply", content);
    }

    private void send(ZMQ.Socket socket, Message parent, String type, ObjectNode content) {
        sendFrames(socket, Message.reply(parent, session, type, content).frames(signer, null));
    }

    private void publish(Message parent, String type, ObjectNode content) {
        byte[] topic = ("kernel." + session + "." + type).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        sendFrames(iopub, Message.reply(parent, session, type, content).frames(signer, topic));
    }

    private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }
}
