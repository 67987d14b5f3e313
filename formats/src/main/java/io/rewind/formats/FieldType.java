package io.rewind.formats;

/** The value types a Rewind table field can have. Java values are given per constant. */
public enum FieldType {
    /** {@link String}. */
    STRING,
    /** {@link Integer}. */
    INT,
    /** {@link Long}. */
    LONG,
    /** {@link Double}. */
    DOUBLE,
    /** {@link Boolean}. */
    BOOLEAN,
    /** {@link java.time.Instant}, microsecond precision; JSON: ISO-8601 text or epoch seconds. */
    TIMESTAMP,
    /** {@code double[]}. */
    DOUBLE_ARRAY,
    /** {@code String[]}. */
    STRING_ARRAY,
    /** {@code java.util.Map<String, Double>}: named sparse features. */
    SPARSE_VECTOR,
    /** {@code java.util.List<Candidate>}: candidate actions with optional features. */
    CANDIDATES;

    public boolean isComplex() {
        return this == DOUBLE_ARRAY || this == STRING_ARRAY || this == SPARSE_VECTOR || this == CANDIDATES;
    }

    /** How the type is written in the docs, in Spark SQL terms. */
    public String sqlName() {
        return switch (this) {
            case STRING -> "string";
            case INT -> "int";
            case LONG -> "bigint";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case TIMESTAMP -> "timestamp";
            case DOUBLE_ARRAY -> "array<double>";
            case STRING_ARRAY -> "array<string>";
            case SPARSE_VECTOR -> "map<string,double>";
            case CANDIDATES -> "array<struct<id:string,features:array<double>>>";
        };
    }
}
