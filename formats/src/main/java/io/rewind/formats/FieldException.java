package io.rewind.formats;

/** A value that cannot be used, naming the field it belongs to. */
public class FieldException extends RuntimeException {
    private final String field;

    public FieldException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
