package io.rewind.formats;

/** One column of a table: its name, type, whether every row must have it, and what it means. */
public record Field(String name, FieldType type, boolean required, String description) implements java.io.Serializable {
    public static Field required(String name, FieldType type, String description) {
        return new Field(name, type, true, description);
    }

    public static Field optional(String name, FieldType type, String description) {
        return new Field(name, type, false, description);
    }
}
