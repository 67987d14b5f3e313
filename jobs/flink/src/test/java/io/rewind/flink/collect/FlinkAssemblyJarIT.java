package io.rewind.flink.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The Flink assembly jar carries what the collector needs (the Kafka connector, Parquet, Avro, Hadoop's client,
 * Rewind's formats) and no class a Flink distribution's lib/ already holds.
 */
class FlinkAssemblyJarIT {
    /** The jar's classes, multi-release variants under META-INF/versions left aside (Flink's shaded Jackson ships
     * Jackson's own unrelocated there, the same version as ours). */
    static Set<String> classes(Path jar) throws Exception {
        Set<String> out = new HashSet<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            j.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class")
                    && !n.startsWith("META-INF/")).forEach(out::add);
        }
        return out;
    }

    @Test
    void noClassOfTheAssemblyIsAlsoInFlinksLib() throws Exception {
        Set<String> assembly = classes(Path.of(FlinkCluster.assembly()));
        for (String needed : List.of("io/rewind/flink/collect/Collect.class", "picocli/CommandLine.class",
                "org/apache/flink/connector/kafka/source/KafkaSource.class",
                "org/apache/kafka/clients/consumer/KafkaConsumer.class",
                "org/apache/flink/formats/parquet/ParquetWriterFactory.class",
                "org/apache/parquet/avro/AvroParquetWriter.class", "org/apache/avro/Schema.class",
                "org/apache/hadoop/conf/Configuration.class", "io/rewind/formats/Tables.class")) {
            assertTrue(assembly.contains(needed), needed);
        }
        TreeMap<String, List<String>> clashes = new TreeMap<>();
        try (var jars = Files.list(FlinkCluster.LIB)) {
            for (Path jar : jars.toList()) {
                List<String> both = new ArrayList<>();
                for (String c : classes(jar)) {
                    if (assembly.contains(c)) {
                        both.add(c);
                    }
                }
                if (!both.isEmpty()) {
                    clashes.put(jar.getFileName().toString(), both.subList(0, Math.min(3, both.size())));
                }
            }
        }
        assertEquals(new TreeMap<>(), clashes, "classes in the assembly that Flink's lib/ already holds");
    }
}
