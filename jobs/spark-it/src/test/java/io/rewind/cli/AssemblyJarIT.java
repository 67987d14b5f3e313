package io.rewind.cli;

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
 * The assembly jar carries what Rewind needs and nothing a Spark distribution already ships: no class is in both, so
 * the cluster never sees two versions of one class.
 */
class AssemblyJarIT {
    static Set<String> classes(Path jar) throws Exception {
        Set<String> out = new HashSet<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            j.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class"))
                    .forEach(out::add);
        }
        return out;
    }

    @Test
    void noClassOfTheAssemblyIsAlsoInSparksJars() throws Exception {
        Set<String> assembly = classes(Path.of(SparkCluster.assembly()));
        for (String needed : List.of("io/rewind/cli/Rewind.class", "picocli/CommandLine.class",
                "io/delta/tables/DeltaTable.class", "org/knowm/xchart/XYChart.class", "ai/djl/Model.class",
                "ai/djl/pytorch/engine/PtEngine.class", "io/rewind/formats/Tables.class",
                "io/rewind/ope/Estimate.class")) {
            assertTrue(assembly.contains(needed), needed);
        }
        TreeMap<String, List<String>> clashes = new TreeMap<>();
        try (var jars = Files.list(SparkCluster.SPARK_HOME.resolve("jars"))) {
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
        assertEquals(new TreeMap<>(), clashes, "classes in the assembly that Spark's jars already hold");
    }
}
