package io.rewind.jobs.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one field of a Rewind table comes from: exactly one of a column (text timestamps read with {@code pattern}
 * in {@code zone}; a name's index in {@code categories} for an action index), a constant, a Spark SQL expression,
 * columns gathered into a vector, the item catalogue (every item, or the ids a column lists, split on
 * {@code separator} when the column is text), or, for episodes, the order of the rows within an episode
 * ({@code order_by}: a step's number) or its last row ({@code last_step: true}: done).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldSource(String column, JsonNode constant, String expr, List<VectorPart> vector, String catalogue,
                          String catalogueIds, String separator, String pattern, String zone, List<String> categories,
                          String orderBy, Boolean lastStep) {
    /** The value of {@code catalogue} that takes every item as a candidate. */
    public static final String EVERY_ITEM = "all";

    public enum Kind { COLUMN, CONSTANT, EXPR, VECTOR, CATALOGUE, CATALOGUE_IDS, ORDER_BY, LAST_STEP }

    public FieldSource {
        vector = vector == null ? null : List.copyOf(vector);
        categories = categories == null ? null : List.copyOf(categories);
    }

    /** The one way it is mapped; several or none is the user's error, said by {@link #kinds()}. */
    Kind kind() {
        return kinds().get(0);
    }

    List<Kind> kinds() {
        Map<Kind, Object> given = new LinkedHashMap<>();
        given.put(Kind.COLUMN, column);
        given.put(Kind.CONSTANT, constant);
        given.put(Kind.EXPR, expr);
        given.put(Kind.VECTOR, vector);
        given.put(Kind.CATALOGUE, catalogue);
        given.put(Kind.CATALOGUE_IDS, catalogueIds);
        given.put(Kind.ORDER_BY, orderBy);
        given.put(Kind.LAST_STEP, Boolean.TRUE.equals(lastStep) ? lastStep : null);
        List<Kind> k = new ArrayList<>();
        given.forEach((kind, value) -> {
            if (value != null) {
                k.add(kind);
            }
        });
        return k;
    }

    FieldSource withVector(List<VectorPart> parts) {
        return new FieldSource(column, constant, expr, parts, catalogue, catalogueIds, separator, pattern, zone,
                categories, orderBy, lastStep);
    }
}
