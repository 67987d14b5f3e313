package io.rewind.flink.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.testing.JarClasses;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The Flink assembly jar carries what the collector needs (the Kafka connector, Parquet, Avro, Hadoop's client,
 * Rewind's formats) and no class a Flink distribution's lib/ already holds.
 */
class FlinkAssemblyJarIT {
    @Test
    void noClassOfTheAssemblyIsAlsoInFlinksLib() throws Exception {
        Set<String> assembly = JarClasses.of(Path.of(FlinkCluster.assembly()), false);
        for (String needed : List.of("io/rewind/flink/collect/Collect.class", "picocli/CommandLine.class",
                "org/apache/flink/connector/kafka/source/KafkaSource.class",
                "org/apache/kafka/clients/consumer/KafkaConsumer.class",
                "org/apache/flink/formats/parquet/ParquetWriterFactory.class",
                "org/apache/parquet/avro/AvroParquetWriter.class", "org/apache/avro/Schema.class",
                "org/apache/hadoop/conf/Configuration.class", "io/rewind/formats/Tables.class")) {
            assertTrue(assembly.contains(needed), needed);
        }
        TreeMap<String, List<String>> clashes = JarClasses.clashes(assembly, FlinkCluster.LIB, false);
        assertEquals(new TreeMap<>(), clashes, "classes in the assembly that Flink's lib/ already holds");
    }
}
