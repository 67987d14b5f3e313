package io.rewind.flink.collect;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Kafka messages (one JSON row each) as {@link RawLine}s of one table, addressed by topic-partition and offset. */
public class KafkaLines implements KafkaRecordDeserializationSchema<RawLine> {
    private final String table;

    public KafkaLines(String table) {
        this.table = table;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLine> out) {
        String text = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        out.collect(new RawLine(table, record.topic() + "-" + record.partition(), record.offset(), text));
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return TypeInformation.of(RawLine.class);
    }
}
