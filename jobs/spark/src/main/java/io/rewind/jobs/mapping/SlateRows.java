package io.rewind.jobs.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rewind.formats.Field;
import io.rewind.formats.FieldType;
import java.util.Map;
import java.util.Set;

/**
 * One slate decision from several rows, one per shown slot: the rows that share {@code key}, in {@code position}
 * order. The per-slot fields ({@code slate}, {@code slot_probs}, {@code slot_rewards}) gather one value from each
 * row; every other field takes the first slot's row's value. Unmapped, {@code action} and {@code action_prob} are
 * the first slot's and {@code reward} the sum of the slot rewards.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SlateRows(String key, String position) {
    /** The fields that gather one value per slot row. */
    static final Set<String> PER_SLOT = Set.of("slate", "slot_probs", "slot_rewards");

    /** A per-slot field as each row gives it: one element of the table's array. */
    static Field element(Field f) {
        FieldType element = f.type() == FieldType.STRING_ARRAY ? FieldType.STRING : FieldType.DOUBLE;
        return Field.optional(f.name(), element, f.description());
    }

    /** A field the slate gives when the mapping leaves it out: from the field it is derived from. */
    static String derivedFrom(String field) {
        return switch (field) {
            case "action" -> "slate";
            case "action_prob" -> "slot_probs";
            case "reward" -> "slot_rewards";
            default -> null;
        };
    }

    /** Whether {@code field} is left to the slate: unmapped, with the field it is derived from mapped. */
    static boolean derived(String field, Map<String, FieldSource> fields) {
        String from = derivedFrom(field);
        return fields.get(field) == null && from != null && fields.get(from) != null;
    }
}
