package io.rewind.jobs.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An item table: its source, the column holding each item's id, and the columns gathered into its features. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Catalogue(Source source, String key, List<VectorPart> features) {
    public Catalogue {
        features = features == null ? List.of() : List.copyOf(features);
    }

    Catalogue with(Source s, List<VectorPart> f) {
        return new Catalogue(s, key, f);
    }
}
