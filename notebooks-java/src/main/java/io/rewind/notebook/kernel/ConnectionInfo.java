package io.rewind.notebook.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

/** The connection file Jupyter hands a kernel: where to bind its five sockets and how to sign messages. */
record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort, int controlPort,
                      int hbPort, String key, String signatureScheme) {

    static ConnectionInfo read(Path file) throws IOException {
        JsonNode n = new ObjectMapper().readTree(file.toFile());
        String scheme = n.path("signature_scheme").asText("hmac-sha256");
        if (!scheme.isEmpty() && !scheme.equals("hmac-sha256")) {
            throw new IllegalArgumentException(file + ": signature_scheme " + scheme + " is not supported (hmac-sha256 is)");
        }
        return new ConnectionInfo(n.path("transport").asText("tcp"), n.path("ip").asText("127.0.0.1"),
                n.path("shell_port").asInt(), n.path("iopub_port").asInt(), n.path("stdin_port").asInt(),
                n.path("control_port").asInt(), n.path("hb_port").asInt(), n.path("key").asText(""), scheme);
    }

    String address(int port) {
        return transport + "://" + ip + ":" + port;
    }
}
