package io.rewind.notebook.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * One Jupyter message (messaging protocol 5.3) and its wire form:
 * {@code [identities..., "<IDS|MSG>", hmac, header, parent_header, metadata, content]}.
 */
record Message(List<byte[]> identities, ObjectNode header, ObjectNode parentHeader, ObjectNode metadata,
               ObjectNode content) {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROTOCOL_VERSION = "5.3";
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    String type() {
        return header.path("msg_type").asText();
    }

    /** A message of {@code type} answering (or published on behalf of) {@code parent}. */
    static Message reply(Message parent, String session, String type, ObjectNode content) {
        ObjectNode header = JSON.createObjectNode()
                .put("msg_id", UUID.randomUUID().toString())
                .put("session", session)
                .put("username", "rewind")
                .put("date", Instant.now().toString())
                .put("msg_type", type)
                .put("version", PROTOCOL_VERSION);
        ObjectNode parentHeader = parent == null ? JSON.createObjectNode() : parent.header().deepCopy();
        List<byte[]> ids = parent == null ? List.of() : parent.identities();
        return new Message(ids, header, parentHeader, JSON.createObjectNode(), content);
    }

    /** Frames to send; {@code topic} replaces the identities (iopub messages carry a topic instead). */
    List<byte[]> frames(Signer signer, byte[] topic) {
        byte[][] parts = {bytes(header), bytes(parentHeader), bytes(metadata), bytes(content)};
        List<byte[]> frames = new ArrayList<>();
        if (topic != null) frames.add(topic);
        else frames.addAll(identities);
        frames.add(DELIMITER);
        frames.add(signer.sign(parts).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(List.of(parts));
        return frames;
    }

    static Message parse(List<byte[]> frames, Signer signer) {
        int d = 0;
        while (d < frames.size() && !MessageDigest.isEqual(frames.get(d), DELIMITER)) d++;
        if (frames.size() < d + 6) {
            throw new IllegalArgumentException("malformed message: " + frames.size() + " frames, delimiter at " + d);
        }
        byte[][] parts = {frames.get(d + 2), frames.get(d + 3), frames.get(d + 4), frames.get(d + 5)};
        String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                signer.sign(parts).getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("message signature does not match the connection key");
        }
        try {
            return new Message(new ArrayList<>(frames.subList(0, d)), (ObjectNode) JSON.readTree(parts[0]),
                    (ObjectNode) JSON.readTree(parts[1]), (ObjectNode) JSON.readTree(parts[2]),
                    (ObjectNode) JSON.readTree(parts[3]));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("message is not JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256 over header, parent header, metadata and content; an empty key signs with "". */
    static final class Signer {
        private final byte[] key;

        Signer(String key) {
            this.key = key.getBytes(StandardCharsets.US_ASCII);
        }

        String sign(byte[][] parts) {
            if (key.length == 0) return "";
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                for (byte[] p : parts) mac.update(p);
                return HexFormat.of().formatHex(mac.doFinal());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
