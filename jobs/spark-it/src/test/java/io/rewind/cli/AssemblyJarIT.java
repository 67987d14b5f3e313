package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.testing.JarClasses;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The assembly jar carries what Rewind needs and nothing a Spark distribution already ships: no class is in both, so
 * the cluster never sees two versions of one class.
 */
class AssemblyJarIT {
    @Test
    void noClassOfTheAssemblyIsAlsoInSparksJars() throws Exception {
        Set<String> assembly = JarClasses.of(Path.of(SparkCluster.assembly()), true);
        for (String needed : List.of("io/rewind/cli/Rewind.class", "picocli/CommandLine.class",
                "io/delta/tables/DeltaTable.class", "org/knowm/xchart/XYChart.class", "ai/djl/Model.class",
                "ai/djl/pytorch/engine/PtEngine.class", "io/rewind/formats/Tables.class",
                "io/rewind/ope/Estimate.class")) {
            assertTrue(assembly.contains(needed), needed);
        }
        TreeMap<String, List<String>> clashes = JarClasses.clashes(assembly, SparkCluster.SPARK_HOME.resolve("jars"),
                true);
        assertEquals(new TreeMap<>(), clashes, "classes in the assembly that Spark's jars already hold");
    }
}
