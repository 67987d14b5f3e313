package io.rewind.formats.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;

/** The classes of jars, for the tests that check an assembly jar against an engine's own jars. */
public final class JarClasses {
    private JarClasses() {
    }

    /**
     * A jar's classes; {@code withVersioned} false leaves aside the multi-release variants under META-INF/versions
     * (Flink's shaded Jackson ships Jackson's own, unrelocated, there).
     */
    public static Set<String> of(Path jar, boolean withVersioned) throws IOException {
        Set<String> out = new HashSet<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            j.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class")
                    && (withVersioned || !n.startsWith("META-INF/"))).forEach(out::add);
        }
        return out;
    }

    /** Per jar of {@code folder}, the first few classes it shares with {@code assembly} (none: an empty map). */
    public static TreeMap<String, List<String>> clashes(Set<String> assembly, Path folder, boolean withVersioned)
            throws IOException {
        TreeMap<String, List<String>> clashes = new TreeMap<>();
        try (var jars = Files.list(folder)) {
            for (Path jar : jars.toList()) {
                List<String> both = new ArrayList<>();
                for (String c : of(jar, withVersioned)) {
                    if (assembly.contains(c)) {
                        both.add(c);
                    }
                }
                if (!both.isEmpty()) {
                    clashes.put(jar.getFileName().toString(), both.subList(0, Math.min(3, both.size())));
                }
            }
        }
        return clashes;
    }
}
