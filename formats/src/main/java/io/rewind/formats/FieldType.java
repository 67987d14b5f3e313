package io.rewind.formats;

/** The value types a Rewind table field can have, each with its {@link FieldCodec}. Java values per constant. */
public enum FieldType {
    /** {@link String}. */
    STRING(StringCodec.INSTANCE),
    /** {@link Integer}. */
    INT(IntCodec.INSTANCE),
    /** {@link Long}. */
    LONG(LongCodec.INSTANCE),
    /** {@link Double}. */
    DOUBLE(DoubleCodec.INSTANCE),
    /** {@link Boolean}. */
    BOOLEAN(BooleanCodec.INSTANCE),
    /** {@link java.time.Instant}, microsecond precision; JSON: ISO-8601 text or epoch seconds. */
    TIMESTAMP(TimestampCodec.INSTANCE),
    /** {@code double[]}. */
    DOUBLE_ARRAY(DoubleArrayCodec.INSTANCE),
    /** {@code String[]}. */
    STRING_ARRAY(StringArrayCodec.INSTANCE),
    /** {@code java.util.Map<String, Double>}: named sparse features. */
    SPARSE_VECTOR(SparseVectorCodec.INSTANCE),
    /** {@code java.util.List<Candidate>}: candidate actions with optional features. */
    CANDIDATES(CandidatesCodec.INSTANCE);

    private final FieldCodec codec;

    FieldType(FieldCodec codec) {
        this.codec = codec;
    }

    public FieldCodec codec() {
        return codec;
    }

    /**
     * An engine's codecs, an enum with one constant per type named as the type, as an array indexed by
     * {@link #ordinal}: every row's every field looks its codec up, so an array, not a name lookup. A type without
     * a constant fails here, when the engine's codecs are first used.
     */
    public static <E extends Enum<E>> E[] codecsByType(Class<E> codecs) {
        @SuppressWarnings("unchecked")
        E[] out = (E[]) java.lang.reflect.Array.newInstance(codecs, values().length);
        for (FieldType t : values()) {
            out[t.ordinal()] = Enum.valueOf(codecs, t.name());
        }
        return out;
    }

    public boolean isComplex() {
        return this == DOUBLE_ARRAY || this == STRING_ARRAY || this == SPARSE_VECTOR || this == CANDIDATES;
    }

    /** How the type is written in the docs, in Spark SQL terms. */
    public String sqlName() {
        return codec.sqlName();
    }
}
