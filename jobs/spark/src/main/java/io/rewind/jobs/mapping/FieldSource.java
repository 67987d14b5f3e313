package io.rewind.jobs.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one field of a Rewind table comes from: exactly one of a column (text timestamps read with {@code pattern}
 * in {@code zone}), a constant, a Spark SQL expression, columns gathered into a vector, or the item catalogue
 * (every item, or the ids a column lists, split on {@code separator} when the column is text).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldSource(String column, JsonNode constant, String expr, List<VectorPart> vector, String catalogue,
                          String catalogueIds, String separator, String pattern, String zone) {
    /** The value of {@code catalogue} that takes every item as a candidate. */
    public static final String EVERY_ITEM = "all";

    public enum Kind { COLUMN, CONSTANT, EXPR, VECTOR, CATALOGUE, CATALOGUE_IDS }

    public FieldSource {
        vector = vector == null ? null : List.copyOf(vector);
    }

    /** The one way it is mapped; several or none is the user's error, said by {@link #kinds()}. */
    Kind kind() {
        return kinds().get(0);
    }

    List<Kind> kinds() {
        List<Kind> k = new ArrayList<>();
        if (column != null) {
            k.add(Kind.COLUMN);
        }
        if (constant != null) {
            k.add(Kind.CONSTANT);
        }
        if (expr != null) {
            k.add(Kind.EXPR);
        }
        if (vector != null) {
            k.add(Kind.VECTOR);
        }
        if (catalogue != null) {
            k.add(Kind.CATALOGUE);
        }
        if (catalogueIds != null) {
            k.add(Kind.CATALOGUE_IDS);
        }
        return k;
    }

    FieldSource withVector(List<VectorPart> parts) {
        return new FieldSource(column, constant, expr, parts, catalogue, catalogueIds, separator, pattern, zone);
    }
}
