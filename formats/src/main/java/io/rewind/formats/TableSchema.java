package io.rewind.formats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one schema of a Rewind table. Spark ({@code io.rewind.formats.spark.SparkSchemas}), Flink and plain Java code
 * all derive their types from it; rows are {@code Object[]} in field order with the Java types of {@link FieldType}.
 * It carries the table's row rules ({@link #rules}), which {@link Validator} applies.
 */
public final class TableSchema implements java.io.Serializable {
    private final String name;
    private final List<Field> fields;
    private final Map<String, Integer> index = new HashMap<>();
    private final TimestampUnit timestampUnit;
    private final List<RowRule> rules;

    /** A schema whose rows need only their required fields and non-blank ids. */
    public TableSchema(String name, List<Field> fields) {
        this(name, fields, List.of());
    }

    public TableSchema(String name, List<Field> fields, List<RowRule> rules) {
        this(name, fields, rules, TimestampUnit.AUTO);
    }

    private TableSchema(String name, List<Field> fields, List<RowRule> rules, TimestampUnit timestampUnit) {
        this.name = name;
        this.timestampUnit = timestampUnit;
        this.rules = List.copyOf(rules);
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
        return new TableSchema(name, fields, rules, unit);
    }

    /** The rules every row of this table keeps beyond its required fields, in the order they are checked. */
    public List<RowRule> rules() {
        return rules;
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

    /** Position of a field, or -1 where the table has none: one lookup, for the rules checked on every row. */
    public int positionOf(String field) {
        return index.getOrDefault(field, -1);
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

    /** This schema followed by more fields, its rules followed by more rules. */
    public TableSchema extend(String newName, List<Field> more, RowRule... moreRules) {
        List<Field> all = new ArrayList<>(fields);
        all.addAll(more);
        List<RowRule> allRules = new ArrayList<>(rules);
        allRules.addAll(List.of(moreRules));
        return new TableSchema(newName, all, allRules, timestampUnit);
    }

    /** This schema without the named fields, its rules kept (a rule finds a missing field null). */
    public TableSchema without(String... names) {
        List<String> drop = List.of(names);
        return new TableSchema(name, fields.stream().filter(f -> !drop.contains(f.name())).toList(), rules,
                timestampUnit);
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
