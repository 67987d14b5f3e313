package io.rewind.flink.collect;

import io.rewind.flink.AvroCodec;
import io.rewind.formats.Field;
import io.rewind.formats.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A checked row's values in a compact binary form, made where the line is parsed so the join, which writes the
 * interaction, reads them back as Avro values instead of decoding the JSON a second time. Each field is a presence
 * byte and its value in its type's compact form ({@link AvroCodec}); Avro's generic writer and reader, which
 * resolve the schema on every value, cost more than the JSON decoding they replace. One instance per thread.
 */
final class CompactRow {
    private final List<Field> fields;
    private final DataOutputSerializer out = new DataOutputSerializer(256);
    private final DataInputDeserializer in = new DataInputDeserializer();

    private final AvroCodec[] codecs;

    CompactRow(TableSchema table) {
        this.fields = table.fields();
        this.codecs = fields.stream().map(f -> AvroCodec.of(f.type())).toArray(AvroCodec[]::new);
    }

    /** Values as {@code JsonCodec} decodes a line of the table, in its field order. */
    byte[] encode(Object[] values) {
        out.clear();
        try {
            for (int i = 0; i < fields.size(); i++) {
                Object v = values[i];
                out.writeBoolean(v != null);
                if (v != null) {
                    codecs[i].write(v, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.getCopyOfBuffer();
    }

    /**
     * The values {@link #encode} wrote, as the interaction's Avro record takes them (timestamps in microseconds,
     * lists, maps, candidate records), in the table's field order.
     */
    Object[] decode(byte[] encoded) {
        in.setBuffer(encoded);
        Object[] values = new Object[fields.size()];
        try {
            for (int i = 0; i < values.length; i++) {
                if (in.readBoolean()) {
                    values[i] = codecs[i].read(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
