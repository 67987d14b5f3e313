package io.rewind.notebook.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the kernelspec ({@code kernel.json}) for the Rewind Java kernel:
 * {@code InstallKernel DIR "JVM FLAGS" CLASSPATH} → {@code DIR/rewind-java/kernel.json}.
 */
public final class InstallKernel {
    public static final String NAME = "rewind-java";

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: InstallKernel KERNELS_DIR \"JVM FLAGS\" CLASSPATH");
            System.exit(2);
        }
        Path file = write(Path.of(args[0]), args[1], args[2]);
        System.out.println("kernel " + NAME + " written to " + file);
    }

    static Path write(Path kernelsDir, String jvmFlags, String classpath) throws IOException {
        ObjectNode spec = io.rewind.formats.Json.object();
        ArrayNode argv = spec.putArray("argv");
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : jvmFlags.trim().split("\\s+")) {
            if (!flag.isEmpty()) argv.add(flag);
        }
        argv.add("-Dlog4j2.configurationFile=classpath:rewind-log4j2.properties");
        argv.add("-cp").add(classpath);
        argv.add(Kernel.class.getName()).add("{connection_file}");
        spec.put("display_name", "Java (Rewind)");
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        Path dir = kernelsDir.resolve(NAME);
        Files.createDirectories(dir);
        Path file = dir.resolve("kernel.json");
        io.rewind.formats.Json.PRETTY.writeValue(file.toFile(), spec);
        return file;
    }
}
