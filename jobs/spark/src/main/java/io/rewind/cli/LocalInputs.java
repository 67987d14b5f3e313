package io.rewind.cli;

import io.rewind.jobs.bandit.ModelPolicy;
import io.rewind.rl.bandit.BanditModel;
import io.rewind.rl.batch.RlPolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a command makes before Spark starts, so a typo fails in a second rather than after minutes of reading:
 * inputs on the local file system exist, model files parse, and output folders can be written. Paths on other file
 * systems (HDFS, S3) are left to the job, which reads them with Spark's Hadoop settings.
 */
final class LocalInputs {
    private LocalInputs() {
    }

    /** The local file for a path, or null when the path is on another file system or is a glob. */
    private static Path local(String path) {
        if (path == null || path.contains("*") || path.contains("?") || path.contains("[")) {
            return null;
        }
        URI uri = URI.create(path.replace(" ", "%20"));
        if (uri.getScheme() == null) {
            return Path.of(path);
        }
        return uri.getScheme().equals("file") ? Path.of(uri) : null;
    }

    static void exist(String option, List<String> paths) {
        if (paths == null) {
            return;
        }
        for (String p : paths) {
            Path f = local(p);
            if (f != null && !Files.exists(f)) {
                throw new IllegalArgumentException(option.substring(2) + ": no such file or folder: " + p);
            }
        }
    }

    /** A bandit model file (JSON), not a folder. */
    static void banditModel(String option, String path) {
        Path f = local(path);
        if (f != null && Files.isDirectory(f)) {
            throw ModelPolicy.folderGiven(option + " " + path, Files.exists(f.resolve("policy.json")));
        }
        model(option, path);
    }

    /**
     * An output file's folder: no part of it is an existing file (a report under a model file, say). Other file
     * systems are left to the job.
     */
    static void outputFile(String option, String path) {
        Path f = local(path);
        for (Path p = f == null ? null : f.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p)) {
                throw new IllegalArgumentException(option + " " + path + ": " + p + " is a file, not a folder");
            }
        }
        if (f != null && Files.isDirectory(f)) {
            throw new IllegalArgumentException(option + " " + path + " is a folder; give a file name");
        }
    }

    /**
     * An output the local file system lets this process create or replace: its nearest existing folder is a folder
     * and writable (a read-only mount is refused here, in a second, not after the job has read its input).
     */
    static void writable(String path) {
        Path f = local(path);
        Path out = f == null ? null : f.toAbsolutePath();
        Path p = out;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || p.equals(out) && !Files.isDirectory(p)) {
            return; // an existing file as the output: the job says what it is (OutputPaths)
        }
        if (!Files.isDirectory(p) || !Files.isWritable(p)) {
            throw new IllegalArgumentException("cannot use " + path + Failure.REFUSED);
        }
    }

    /** A bandit model file (JSON) or a batch-RL policy folder ({@code train-rl}'s OUTPUT/policy). */
    static void model(String option, String path) {
        Path f = local(path);
        if (f == null) {
            return;
        }
        exist(option, List.of(path));
        try {
            if (Files.isDirectory(f)) {
                RlPolicy.read(f);
            } else {
                BanditModel.load(f);
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException(option + " " + path + " is not a Rewind model: " + e.getMessage(), e);
        }
    }
}
