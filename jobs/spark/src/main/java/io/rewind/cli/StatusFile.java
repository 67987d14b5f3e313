package io.rewind.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewind.formats.Json;
import io.rewind.jobs.JobSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code --status-file}: how a command ended (exit code, SUCCEEDED or FAILED, the one-line message, the job's
 * summary), as JSON on any Hadoop path. In cluster deploy mode the driver's console is a worker's file, and a
 * scheduler cannot rely on spark-submit's exit code; it reads this file instead. The file is deleted when the
 * command starts, so a killed run leaves none (never a stale SUCCEEDED).
 */
final class StatusFile {
    private StatusFile() {
    }

    static void delete(String path) {
        Path p = new Path(path);
        try {
            p.getFileSystem(new Configuration()).delete(p, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the status file " + path, e);
        }
    }

    static String read(String path) {
        Path p = new Path(path);
        try (var in = p.getFileSystem(new Configuration()).open(p)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(String command, int exitCode, String message, JobSummary summary) {
        ObjectNode n = Json.object();
        n.put("command", command);
        n.put("exit_code", exitCode);
        n.put("status", exitCode == 0 ? "SUCCEEDED" : "FAILED");
        if (message != null) {
            n.put("message", message);
        }
        if (summary != null) {
            n.set("summary", Json.toTree(summary.values()));
        }
        n.put("finished", Instant.now().toString());
        try {
            return Json.PRETTY.writeValueAsString(n) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the file whole: under a hidden name first, then renamed over {@code path}. */
    static void write(String path, String json) {
        Path p = new Path(path);
        Path tmp = new Path(p.getParent(), "." + p.getName() + ".tmp");
        try {
            FileSystem fs = p.getFileSystem(new Configuration());
            fs.setWriteChecksum(false); // no .crc file beside it on a local disk
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            fs.delete(p, false);
            if (!fs.rename(tmp, p)) {
                throw new IOException("rename to " + p + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the status file " + path, e);
        }
    }
}
