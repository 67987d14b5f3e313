package io.rewind.jobs.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mapping file as written: the log's source, an optional rewards source (the log's own rows by default) and item
 * catalogue, how rows group into slates (one row per slot; none: a row is a decision), and for each Rewind table
 * it maps the source of each of its fields (decisions and rewards, or episodes, or all three).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableMapping(Source source, Source rewardsSource, Catalogue catalogue, SlateRows slates,
                           Map<String, FieldSource> decisions, Map<String, FieldSource> rewards,
                           Map<String, FieldSource> episodes) {
    public TableMapping {
        decisions = decisions == null ? null : new LinkedHashMap<>(decisions);
        rewards = rewards == null ? null : new LinkedHashMap<>(rewards);
        episodes = episodes == null ? null : new LinkedHashMap<>(episodes);
    }

    /** The fields of {@code table}, or null when the mapping has no section for it. */
    Map<String, FieldSource> fields(MappedTableKind table) {
        return switch (table) {
            case DECISIONS -> decisions;
            case REWARDS -> rewards;
            case EPISODES -> episodes;
        };
    }

    Source source(MappedTableKind table) {
        return table == MappedTableKind.REWARDS && rewardsSource != null ? rewardsSource : source;
    }

    /** The same mapping with {@code fields} as {@code table}'s section. */
    TableMapping with(MappedTableKind table, Map<String, FieldSource> fields) {
        return new TableMapping(source, rewardsSource, catalogue, slates,
                table == MappedTableKind.DECISIONS ? fields : decisions,
                table == MappedTableKind.REWARDS ? fields : rewards,
                table == MappedTableKind.EPISODES ? fields : episodes);
    }

    TableMapping with(Catalogue c) {
        return new TableMapping(source, rewardsSource, c, slates, decisions, rewards, episodes);
    }
}
