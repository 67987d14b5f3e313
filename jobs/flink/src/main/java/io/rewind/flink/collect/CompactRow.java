package io.rewind.flink.collect;

import io.rewind.flink.AvroSchemas;
import io.rewind.formats.Candidate;
import io.rewind.formats.Field;
import io.rewind.formats.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;

/**
 * A checked row's values in a compact binary form, made where the line is parsed so the join, which writes the
 * interaction, reads them back as Avro values instead of decoding the JSON a second time. Each field is a presence
 * byte and its value by type (strings as Flink's {@link StringValue}s); Avro's generic writer and reader, which
 * resolve the schema on every value, cost more than the JSON decoding they replace. One instance per thread.
 */
final class CompactRow {
    private static final Schema CANDIDATE = AvroSchemas.candidate();

    private final List<Field> fields;
    private final DataOutputSerializer out = new DataOutputSerializer(256);
    private final DataInputDeserializer in = new DataInputDeserializer();

    CompactRow(TableSchema table) {
        this.fields = table.fields();
    }

    /** Values as {@code JsonCodec} decodes a line of the table, in its field order. */
    @SuppressWarnings("unchecked")
    byte[] encode(Object[] values) {
        out.clear();
        try {
            for (int i = 0; i < fields.size(); i++) {
                Object v = values[i];
                out.writeBoolean(v != null);
                if (v == null) {
                    continue;
                }
                switch (fields.get(i).type()) {
                    case STRING -> StringValue.writeString((String) v, out);
                    case INT -> out.writeInt((Integer) v);
                    case LONG -> out.writeLong((Long) v);
                    case DOUBLE -> out.writeDouble((Double) v);
                    case BOOLEAN -> out.writeBoolean((Boolean) v);
                    case TIMESTAMP -> out.writeLong(InteractionRecords.micros((Instant) v));
                    case DOUBLE_ARRAY -> writeDoubles((double[]) v);
                    case STRING_ARRAY -> {
                        String[] a = (String[]) v;
                        out.writeInt(a.length);
                        for (String s : a) {
                            StringValue.writeString(s, out);
                        }
                    }
                    case SPARSE_VECTOR -> {
                        Map<String, Double> m = (Map<String, Double>) v;
                        out.writeInt(m.size());
                        for (Map.Entry<String, Double> e : m.entrySet()) {
                            StringValue.writeString(e.getKey(), out);
                            out.writeDouble(e.getValue());
                        }
                    }
                    case CANDIDATES -> {
                        List<Candidate> cs = (List<Candidate>) v;
                        out.writeInt(cs.size());
                        for (Candidate c : cs) {
                            StringValue.writeString(c.id(), out);
                            out.writeBoolean(c.features() != null);
                            if (c.features() != null) {
                                writeDoubles(c.features());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.getCopyOfBuffer();
    }

    private void writeDoubles(double[] a) throws IOException {
        out.writeInt(a.length);
        for (double d : a) {
            out.writeDouble(d);
        }
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
                if (!in.readBoolean()) {
                    continue;
                }
                values[i] = switch (fields.get(i).type()) {
                    case STRING -> StringValue.readString(in);
                    case INT -> in.readInt();
                    case LONG, TIMESTAMP -> in.readLong();
                    case DOUBLE -> in.readDouble();
                    case BOOLEAN -> in.readBoolean();
                    case DOUBLE_ARRAY -> readDoubles();
                    case STRING_ARRAY -> {
                        int n = in.readInt();
                        List<String> a = new ArrayList<>(n);
                        for (int k = 0; k < n; k++) {
                            a.add(StringValue.readString(in));
                        }
                        yield a;
                    }
                    case SPARSE_VECTOR -> {
                        int n = in.readInt();
                        Map<String, Double> m = new HashMap<>(n * 2);
                        for (int k = 0; k < n; k++) {
                            m.put(StringValue.readString(in), in.readDouble());
                        }
                        yield m;
                    }
                    case CANDIDATES -> {
                        int n = in.readInt();
                        List<GenericRecord> cs = new ArrayList<>(n);
                        for (int k = 0; k < n; k++) {
                            GenericRecord c = new GenericData.Record(CANDIDATE);
                            c.put(0, StringValue.readString(in));
                            c.put(1, in.readBoolean() ? readDoubles() : null);
                            cs.add(c);
                        }
                        yield cs;
                    }
                };
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    private List<Double> readDoubles() throws IOException {
        int n = in.readInt();
        List<Double> a = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            a.add(in.readDouble());
        }
        return a;
    }
}
