package io.rewind.jobs.evaluate;

import io.rewind.formats.TableFormat;
import java.util.List;

/**
 * Where a policy's probabilities for each logged event come from: a decisions table with its {@code action_probs}
 * for the same {@code event_id}s, a column of the input, or a saved Rewind bandit model.
 */
public record PolicySource(List<String> table, TableFormat tableFormat, String column, String model) {
    public static final PolicySource NONE = new PolicySource(null, null, null, null);

    public PolicySource {
        table = table == null || table.isEmpty() ? null : List.copyOf(table);
    }

    public static PolicySource table(String path, TableFormat format) {
        return new PolicySource(List.of(path), format, null, null);
    }

    public static PolicySource column(String name) {
        return new PolicySource(null, null, name, null);
    }

    public static PolicySource model(String path) {
        return new PolicySource(null, null, null, path);
    }

    public int sources() {
        return (table == null ? 0 : 1) + (column == null ? 0 : 1) + (model == null ? 0 : 1);
    }

    public boolean given() {
        return sources() > 0;
    }
}
