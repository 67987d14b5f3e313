package io.rewind.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Local files and folders that a killed process leaves either as they were or complete, never half-written: the new
 * version is written beside the old one under a hidden name, then renamed over it.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the folder's contents. */
    @FunctionalInterface
    public interface FolderWriter {
        void write(Path folder) throws IOException;
    }

    /** Replaces {@code file} with {@code text} in one rename. */
    public static void writeString(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes a new version of {@code folder} beside it, then swaps it in: the old folder is renamed away and the new
     * one renamed to its place, so a reader finds the old folder, the new one, or (between the two renames) none,
     * never a mix of the two.
     */
    public static void replaceFolder(Path folder, FolderWriter writer) throws IOException {
        Path parent = folder.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String id = UUID.randomUUID().toString();
        Path fresh = parent.resolve("." + folder.getFileName() + "." + id + ".new");
        Path old = parent.resolve("." + folder.getFileName() + "." + id + ".old");
        try {
            Files.createDirectories(fresh);
            writer.write(fresh);
            if (Files.exists(folder)) {
                Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, folder, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            delete(fresh);
            delete(old);
        }
    }

    /** Deletes a file or a folder with everything in it; nothing when it does not exist. */
    public static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
