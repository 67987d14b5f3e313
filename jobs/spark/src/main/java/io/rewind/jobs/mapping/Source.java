package io.rewind.jobs.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Where a mapped table's rows are: files in a {@code spark.read} format ({@code path} or {@code paths}, with
 * {@code options}), or a table Spark knows by name ({@code table}); a JDBC source is the {@code jdbc} format with
 * its options and no path.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Source(String format, String path, List<String> paths, String table, Map<String, String> options) {
    public Source {
        paths = paths == null ? List.of() : List.copyOf(paths);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** Every path, {@code path} first. */
    List<String> allPaths() {
        List<String> all = new java.util.ArrayList<>();
        if (path != null) {
            all.add(path);
        }
        all.addAll(paths);
        return all;
    }

    /** How messages name it. */
    String describe() {
        return table != null ? "table " + table : (format + " " + String.join(",", allPaths())).trim();
    }

    Source withPaths(List<String> resolved) {
        return new Source(format, null, resolved, table, options);
    }
}
