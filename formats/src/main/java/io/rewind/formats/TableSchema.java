package io.rewind.formats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one schema of a Rewind table. Spark ({@code io.rewind.formats.spark.SparkSchemas}), Flink and plain Java code
 * all derive their types from it; rows are {@code Object[]} in field order with the Java types of {@link FieldType}.
 */
public final class TableSchema implements java.io.Serializable {
    private final String name;
    private final List<Field> fields;
    private final Map<String, Integer> index = new HashMap<>();
    private final TimestampUnit timestampUnit;

    public TableSchema(String name, List<Field> fields) {
        this(name, fields, TimestampUnit.AUTO);
    }

    private TableSchema(String name, List<Field> fields, TimestampUnit timestampUnit) {
        this.name = name;
        this.timestampUnit = timestampUnit;
        this.fields = List.copyOf(fields);
        for (int i = 0; i < this.fields.size(); i++) {
            if (index.put(this.fields.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate field " + this.fields.get(i).name() + " in " + name);
            }
        }
    }

    public String name() {
        return name;
    }

    /** How this table's epoch-number timestamps are read (a reading option: not part of the schema's identity). */
    public TimestampUnit timestampUnit() {
        return timestampUnit;
    }

    /** The same schema, its epoch numbers read in {@code unit}. */
    public TableSchema withTimestampUnit(TimestampUnit unit) {
        return new TableSchema(name, fields, unit);
    }

    public List<Field> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public Field field(int i) {
        return fields.get(i);
    }

    public boolean has(String field) {
        return index.containsKey(field);
    }

    /**
     * A row of this table from {@code name, value} pairs, in any order; fields not named are null. Unknown names
     * fail loudly, as in {@link #indexOf}.
     */
    public Object[] row(Object... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("row(name, value, ...) needs pairs");
        }
        Object[] out = new Object[size()];
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            out[indexOf((String) nameValuePairs[i])] = nameValuePairs[i + 1];
        }
        return out;
    }

    /** Position of a field; throws for an unknown name so typos fail loudly. */
    public int indexOf(String field) {
        Integer i = index.get(field);
        if (i == null) {
            throw new IllegalArgumentException("table " + name + " has no field " + field);
        }
        return i;
    }

    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (Field f : fields) {
            names.add(f.name());
        }
        return Collections.unmodifiableList(names);
    }

    /** This schema followed by more fields (for example the quarantine columns). */
    public TableSchema extend(String newName, List<Field> more) {
        List<Field> all = new ArrayList<>(fields);
        all.addAll(more);
        return new TableSchema(newName, all, timestampUnit);
    }

    /** The field list as a Markdown table, for the README. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("| field | type | required | meaning |\n|---|---|---|---|\n");
        for (Field f : fields) {
            sb.append("| `").append(f.name()).append("` | ").append(f.type().sqlName()).append(" | ")
                    .append(f.required() ? "yes" : "no").append(" | ").append(f.description()).append(" |\n");
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableSchema t && name.equals(t.name) && fields.equals(t.fields);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + fields.hashCode();
    }

    @Override
    public String toString() {
        return name + fieldNames();
    }
}
