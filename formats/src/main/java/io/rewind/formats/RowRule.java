package io.rewind.formats;

/**
 * A rule every row of a table must keep, checked on its decoded values: a table's schema carries its rules
 * ({@link TableSchema#rules}) and {@link Validator} applies them in order. A broken rule throws a
 * {@link FieldException} naming the field.
 */
@FunctionalInterface
public interface RowRule extends java.io.Serializable {
    void check(TableSchema schema, Object[] row);

    /** The field's value, or null where the table has no such field. */
    static Object field(TableSchema schema, Object[] row, String name) {
        int i = schema.positionOf(name);
        return i < 0 ? null : row[i];
    }
}
