package io.rewind.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class MessageTest {
    private final Message.Signer signer = new Message.Signer("secret-key");

    @Test
    void theSignatureIsHmacSha256OverTheFourJsonParts() throws Exception {
        ObjectNode content = Message.JSON.createObjectNode().put("code", "1 + 1");
        Message request = new Message(List.of("client-id".getBytes(StandardCharsets.UTF_8)),
                Message.JSON.createObjectNode().put("msg_type", "execute_request").put("msg_id", "m1"),
                Message.JSON.createObjectNode(), Message.JSON.createObjectNode(), content);
        List<byte[]> frames = request.frames(signer, null);
        assertEquals("<IDS|MSG>", new String(frames.get(1), StandardCharsets.US_ASCII));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("secret-key".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        for (int i = 3; i < 7; i++) mac.update(frames.get(i));
        assertEquals(HexFormat.of().formatHex(mac.doFinal()), new String(frames.get(2), StandardCharsets.US_ASCII));

        Message parsed = Message.parse(frames, signer);
        assertEquals("execute_request", parsed.type());
        assertEquals("1 + 1", parsed.content().path("code").asText());
        assertArrayEquals("client-id".getBytes(StandardCharsets.UTF_8), parsed.identities().get(0));
    }

    @Test
    void aReplyCarriesTheRequestAsParentAndGoesBackToItsSender() {
        Message request = new Message(List.of("peer".getBytes(StandardCharsets.UTF_8)),
                Message.JSON.createObjectNode().put("msg_type", "kernel_info_request").put("msg_id", "abc"),
                Message.JSON.createObjectNode(), Message.JSON.createObjectNode(), Message.JSON.createObjectNode());
        Message reply = Message.reply(request, "session-1", "kernel_info_reply", Message.JSON.createObjectNode());
        assertEquals("abc", reply.parentHeader().path("msg_id").asText());
        assertEquals("session-1", reply.header().path("session").asText());
        assertEquals("5.3", reply.header().path("version").asText());
        assertArrayEquals("peer".getBytes(StandardCharsets.UTF_8), reply.identities().get(0));
    }

    @Test
    void aTamperedMessageIsRejected() {
        Message request = new Message(List.of(), Message.JSON.createObjectNode().put("msg_type", "execute_request"),
                Message.JSON.createObjectNode(), Message.JSON.createObjectNode(),
                Message.JSON.createObjectNode().put("code", "safe()"));
        List<byte[]> frames = new ArrayList<>(request.frames(signer, null));
        frames.set(frames.size() - 1, "{\"code\":\"evil()\"}".getBytes(StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Message.parse(frames, signer));
        assertEquals("message signature does not match the connection key", e.getMessage());
    }
}
