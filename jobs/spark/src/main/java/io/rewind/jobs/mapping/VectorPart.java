package io.rewind.jobs.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One column gathered into a vector: a number as it is, or a category one-hot encoded over {@code categories}
 * ({@code categorical: true} without a list takes the sorted values the data holds, and the import records the list
 * so later data encode the same way).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VectorPart(String column, Boolean categorical, List<String> categories) {
    public VectorPart {
        categories = categories == null ? null : List.copyOf(categories);
    }

    boolean isCategorical() {
        return categories != null || Boolean.TRUE.equals(categorical);
    }

    VectorPart withCategories(List<String> found) {
        return new VectorPart(column, true, found);
    }
}
