package io.rewind.flink.collect;

import io.rewind.flink.AvroSchemas;
import io.rewind.formats.Field;
import io.rewind.formats.Tables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * A checked decision's values in Avro's binary encoding: made where the line is parsed, so the join, which writes
 * the interaction, reads compact bytes instead of decoding the JSON a second time. One instance per thread.
 */
final class DecisionValues {
    static final Schema SCHEMA = AvroSchemas.of(Tables.DECISIONS);

    private final GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(SCHEMA);
    private final GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(SCHEMA);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    /** Values as {@code JsonCodec} decodes a decision line, in the decisions table's field order. */
    byte[] encode(Object[] values) {
        List<Field> fields = Tables.DECISIONS.fields();
        GenericRecord rec = new GenericData.Record(SCHEMA);
        for (int i = 0; i < values.length; i++) {
            rec.put(i, InteractionRecords.avro(fields.get(i).type(), values[i], SCHEMA.getFields().get(i).schema()));
        }
        bytes.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(bytes, encoder);
        try {
            writer.write(rec, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The record {@link #encode} wrote: strings as Avro {@code Utf8}, lists as Avro arrays. */
    GenericRecord decode(byte[] encoded) {
        decoder = DecoderFactory.get().binaryDecoder(encoded, decoder);
        try {
            return reader.read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
