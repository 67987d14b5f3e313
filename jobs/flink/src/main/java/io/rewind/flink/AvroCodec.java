package io.rewind.flink;

import io.rewind.formats.Candidate;
import io.rewind.formats.FieldType;
import io.rewind.formats.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The Flink side of each {@link FieldType}, one constant per type and named as it: its Avro schema (as Spark reads
 * the Parquet parquet-avro writes: timestamps as timestamp-micros, vectors as arrays of double, candidates as
 * records of id and features), and a compact binary form of its Java value that reads back as the value an Avro
 * record of that schema takes.
 */
public enum AvroCodec {
    STRING(Schema.create(Schema.Type.STRING)) {
        public void write(Object v, DataOutputView out) throws IOException {
            StringValue.writeString((String) v, out);
        }

        public Object read(DataInputView in) throws IOException {
            return StringValue.readString(in);
        }
    },
    INT(Schema.create(Schema.Type.INT)) {
        public void write(Object v, DataOutputView out) throws IOException {
            out.writeInt((Integer) v);
        }

        public Object read(DataInputView in) throws IOException {
            return in.readInt();
        }
    },
    LONG(Schema.create(Schema.Type.LONG)) {
        public void write(Object v, DataOutputView out) throws IOException {
            out.writeLong((Long) v);
        }

        public Object read(DataInputView in) throws IOException {
            return in.readLong();
        }
    },
    DOUBLE(Schema.create(Schema.Type.DOUBLE)) {
        public void write(Object v, DataOutputView out) throws IOException {
            out.writeDouble((Double) v);
        }

        public Object read(DataInputView in) throws IOException {
            return in.readDouble();
        }
    },
    BOOLEAN(Schema.create(Schema.Type.BOOLEAN)) {
        public void write(Object v, DataOutputView out) throws IOException {
            out.writeBoolean((Boolean) v);
        }

        public Object read(DataInputView in) throws IOException {
            return in.readBoolean();
        }
    },
    TIMESTAMP(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG))) {
        public void write(Object v, DataOutputView out) throws IOException {
            out.writeLong(Timestamps.micros((Instant) v));
        }

        public Object read(DataInputView in) throws IOException {
            return in.readLong();
        }
    },
    DOUBLE_ARRAY(Schema.createArray(Schema.create(Schema.Type.DOUBLE))) {
        public void write(Object v, DataOutputView out) throws IOException {
            writeDoubles((double[]) v, out);
        }

        public Object read(DataInputView in) throws IOException {
            return readDoubles(in);
        }
    },
    STRING_ARRAY(Schema.createArray(Schema.create(Schema.Type.STRING))) {
        public void write(Object v, DataOutputView out) throws IOException {
            String[] a = (String[]) v;
            out.writeInt(a.length);
            for (String s : a) {
                StringValue.writeString(s, out);
            }
        }

        public Object read(DataInputView in) throws IOException {
            int n = in.readInt();
            List<String> a = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                a.add(StringValue.readString(in));
            }
            return a;
        }
    },
    SPARSE_VECTOR(Schema.createMap(Schema.create(Schema.Type.DOUBLE))) {
        @SuppressWarnings("unchecked")
        public void write(Object v, DataOutputView out) throws IOException {
            Map<String, Double> m = (Map<String, Double>) v;
            out.writeInt(m.size());
            for (Map.Entry<String, Double> e : m.entrySet()) {
                StringValue.writeString(e.getKey(), out);
                out.writeDouble(e.getValue());
            }
        }

        public Object read(DataInputView in) throws IOException {
            int n = in.readInt();
            Map<String, Double> m = new HashMap<>(n * 2);
            for (int k = 0; k < n; k++) {
                m.put(StringValue.readString(in), in.readDouble());
            }
            return m;
        }
    },
    CANDIDATES(Schema.createArray(SchemaBuilder.record("candidate").namespace("io.rewind").fields()
            .requiredString("id")
            .name("features").type(Schema.createUnion(Schema.create(Schema.Type.NULL),
                    Schema.createArray(Schema.create(Schema.Type.DOUBLE)))).noDefault()
            .endRecord())) {
        @SuppressWarnings("unchecked")
        public void write(Object v, DataOutputView out) throws IOException {
            List<Candidate> cs = (List<Candidate>) v;
            out.writeInt(cs.size());
            for (Candidate c : cs) {
                StringValue.writeString(c.id(), out);
                out.writeBoolean(c.features() != null);
                if (c.features() != null) {
                    writeDoubles(c.features(), out);
                }
            }
        }

        public Object read(DataInputView in) throws IOException {
            int n = in.readInt();
            List<GenericRecord> cs = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                GenericRecord c = new GenericData.Record(schema().getElementType());
                c.put(0, StringValue.readString(in));
                c.put(1, in.readBoolean() ? readDoubles(in) : null);
                cs.add(c);
            }
            return cs;
        }
    };

    private static final AvroCodec[] BY_TYPE = FieldType.codecsByType(AvroCodec.class);

    private final Schema schema;

    AvroCodec(Schema schema) {
        this.schema = schema;
    }

    /** The codec named as the type. */
    public static AvroCodec of(FieldType t) {
        return BY_TYPE[t.ordinal()];
    }

    public Schema schema() {
        return schema;
    }

    /** Writes a non-null Java value of the type. */
    public abstract void write(Object v, DataOutputView out) throws IOException;

    /** Reads what {@link #write} wrote, as an Avro record of {@link #schema} takes it. */
    public abstract Object read(DataInputView in) throws IOException;

    private static void writeDoubles(double[] a, DataOutputView out) throws IOException {
        out.writeInt(a.length);
        for (double d : a) {
            out.writeDouble(d);
        }
    }

    private static List<Double> readDoubles(DataInputView in) throws IOException {
        int n = in.readInt();
        List<Double> a = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            a.add(in.readDouble());
        }
        return a;
    }
}
