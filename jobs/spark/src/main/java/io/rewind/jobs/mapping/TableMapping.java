package io.rewind.jobs.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mapping file as written: the log's source, an optional rewards source (the log's own rows by default) and item
 * catalogue, and for each Rewind table the source of each of its fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableMapping(Source source, Source rewardsSource, Catalogue catalogue,
                           Map<String, FieldSource> decisions, Map<String, FieldSource> rewards) {
    public TableMapping {
        decisions = decisions == null ? null : new LinkedHashMap<>(decisions);
        rewards = rewards == null ? null : new LinkedHashMap<>(rewards);
    }

    Map<String, FieldSource> fields(MappedTableKind table) {
        return table == MappedTableKind.DECISIONS ? decisions : rewards;
    }

    Source source(MappedTableKind table) {
        return table == MappedTableKind.REWARDS && rewardsSource != null ? rewardsSource : source;
    }
}
