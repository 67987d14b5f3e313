package io.rewind.formats;

/**
 * Checks a row against its table: every required field present, no blank id, then the rules the table's schema
 * carries ({@link TableSchema#rules}), in order. {@link #check} returns null for a usable row, or the reason it is
 * not, as {@code field: rule}. Rules that need the whole table (unique ids, equal vector lengths) are applied by
 * the jobs.
 */
public final class Validator implements java.io.Serializable {
    private static final String[] IDS = {"event_id", "model_id", "user_id"};

    private final TableSchema schema;

    private Validator(TableSchema schema) {
        this.schema = schema;
    }

    public static Validator of(TableSchema schema) {
        return new Validator(schema);
    }

    public String check(Object[] row) {
        try {
            checkRow(row);
            return null;
        } catch (FieldException e) {
            return e.getMessage();
        }
    }

    /** Throws a {@link FieldException} naming the first rule the row breaks. */
    public void checkRow(Object[] row) {
        for (int i = 0; i < schema.size(); i++) {
            if (schema.field(i).required() && row[i] == null) {
                throw new FieldException(schema.field(i).name(), "missing");
            }
        }
        for (String id : IDS) {
            if (RowRule.field(schema, row, id) instanceof String s && s.isBlank()) {
                throw new FieldException(id, "empty");
            }
        }
        for (RowRule rule : schema.rules()) {
            rule.check(schema, row);
        }
    }
}
