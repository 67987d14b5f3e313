package io.rewind.jobs.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewind.formats.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;

/**
 * Where a task puts the rows it cannot score: one JSON-lines file per partition under the quarantine folder, opened
 * on the first bad row and rewritten whole if the task runs again, so a retry never doubles a row.
 */
final class QuarantineSink implements Serializable {
    private final String dir;
    private transient OutputStream out;

    QuarantineSink(String dir) {
        this.dir = dir;
    }

    void add(String rowId, String file, long line, String reason, String raw) {
        ObjectNode n = Json.object();
        n.put("row_id", rowId);
        n.put("source_file", file);
        n.put("source_line", line);
        n.put("reason", reason);
        n.put("raw", raw);
        try {
            if (out == null) {
                open();
            }
            out.write((n.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the quarantine under " + dir, e);
        }
    }

    private void open() throws IOException {
        TaskContext task = TaskContext.get();
        int partition = task == null ? 0 : task.partitionId();
        Path p = new Path(dir, String.format("part-%05d.jsonl", partition));
        out = p.getFileSystem(new Configuration()).create(p, true);
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> close());
        }
    }

    void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the quarantine under " + dir, e);
            }
            out = null;
        }
    }
}
