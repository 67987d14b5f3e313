package io.rewind.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rewind.formats.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** What a job did, in numbers: printed as a table and written as JSON next to its output. */
public final class JobSummary {
    private final String job;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public JobSummary(String job) {
        this.job = job;
        values.put("job", job);
    }

    public JobSummary put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /**
     * {@code v} rounded to {@code decimals} places for printing; values too large to round through a long (or not
     * finite) are kept as they are, so the console never shows another number than the files hold.
     */
    public static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(v) && Math.abs(v * scale) < 9e15 ? Math.round(v * scale) / scale : v;
    }

    public long count(String key) {
        Object v = values.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(job + " summary has no count " + key);
        }
        return n.longValue();
    }

    public Object get(String key) {
        return values.get(key);
    }

    public Map<String, Object> values() {
        return values;
    }

    public String toJson() {
        try {
            return Json.PRETTY.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toTable() {
        int width = 0;
        for (String k : values.keySet()) {
            width = Math.max(width, k.length());
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            sb.append(String.format("  %-" + width + "s  %s%n", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }

    /** Writes the JSON to any Hadoop path (local, HDFS, S3 ...), replacing what was there. */
    public void write(String path, Configuration conf) {
        io.rewind.formats.spark.HadoopFiles.writeString(conf, path, toJson());
    }

}
