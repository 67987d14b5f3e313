package io.rewind.formats.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class IdStringsTest {
    /** Spark reuses a row's buffer: an id read from it later is other bytes at the same place. */
    @Test
    void anIdReadFromAReusedBufferIsDecodedAgain() {
        IdStrings ids = new IdStrings();
        byte[] buffer = "a7".getBytes(StandardCharsets.UTF_8);
        UTF8String view = UTF8String.fromBytes(buffer);
        assertEquals("a7", ids.of(0, view));
        buffer[1] = '8';
        assertEquals("a8", ids.of(0, view));
        buffer[1] = '7';
        assertEquals("a7", ids.of(0, view));
        assertEquals("a7", ids.of(5, view));
    }

    @Test
    void idsInAnyOrderAndBeyondWhatIsKept() {
        IdStrings ids = new IdStrings();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < IdStrings.MAX + 100; i++) {
                int position = (i * 7 + round) % 50;
                assertEquals("item-" + i, ids.of(position, UTF8String.fromString("item-" + i)));
            }
        }
        assertEquals("é-ü", ids.of(9000, UTF8String.fromString("é-ü")));
    }
}
