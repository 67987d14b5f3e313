package io.rewind.formats;

import static io.rewind.formats.Field.optional;
import static io.rewind.formats.Field.required;
import static io.rewind.formats.FieldType.*;

import java.util.ArrayList;
import java.util.List;

/** The canonical tables of Rewind. Every job reads and writes these, and only these, shapes. */
public final class Tables {
    private Tables() {
    }

    private static final List<Field> DECISION_FIELDS = List.of(
            required("event_id", STRING, "unique id of the decision; rewards refer to it"),
            required("timestamp", TIMESTAMP, "when the decision was made (UTC)"),
            optional("model_id", STRING, "the model (logging policy) that decided"),
            optional("user_id", STRING, "who the decision was for"),
            optional("context", DOUBLE_ARRAY, "shared context: dense features"),
            optional("context_sparse", SPARSE_VECTOR, "shared context: named sparse features"),
            required("actions", CANDIDATES, "the candidate actions, each an id with optional features;"
                    + " the set may change from one event to the next"),
            required("action", STRING, "id of the chosen action (for slates: the first slot)"),
            required("action_prob", DOUBLE, "probability with which the logging policy chose `action`, in (0, 1]"),
            optional("slate", STRING_ARRAY, "slate decisions: the ranked top-k chosen action ids"),
            optional("slot_probs", DOUBLE_ARRAY, "slate decisions: the logging probability of each slot's action"),
            optional("sample_prob", DOUBLE, "uniform [0, 1) draw logged with the decision, as the seeds log it"),
            optional("action_probs", DOUBLE_ARRAY, "the logging policy's full distribution, aligned with `actions`"),
            optional("action_prob_source", STRING, "where `action_prob` and `action_probs` come from: `logged` (or"
                    + " null) or `estimated` (fitted on the log by `--propensities estimate`)"));

    public static final TableSchema DECISIONS = new TableSchema("decisions", DECISION_FIELDS,
            List.of(DecisionRules.INSTANCE));

    public static final TableSchema REWARDS = new TableSchema("rewards", List.of(
            required("event_id", STRING, "the decision this reward is for"),
            required("timestamp", TIMESTAMP, "when the reward was observed (UTC)"),
            required("reward", DOUBLE, "the reward, a finite number"),
            optional("slot_rewards", DOUBLE_ARRAY, "slate decisions: per-slot feedback"),
            optional("click_position", INT, "cascade feedback: 0-based position of the click, null if none")),
            List.of(RewardRules.INSTANCE));

    public static final TableSchema INTERACTIONS = DECISIONS.extend("interactions", List.of(
            required("reward", DOUBLE, "the joined reward, or the default reward where none was observed"),
            optional("reward_timestamp", TIMESTAMP, "timestamp of the reward used (the latest, for sums)"),
            required("reward_observed", BOOLEAN, "false where the default reward was used"),
            required("reward_count", INT, "how many rewards inside the window were combined"),
            optional("slot_rewards", DOUBLE_ARRAY, "slate decisions: per-slot feedback of the reward used"),
            optional("click_position", INT, "cascade feedback of the reward used"),
            required("split", STRING, "`train` or `eval`, from a hash of `event_id`"),
            required("date", STRING, "yyyy-MM-dd of the decision timestamp (UTC); the partition column"),
            required("hour", INT, "hour of day of the decision timestamp (UTC)")),
            RewardRules.INSTANCE, SplitRule.INSTANCE);

    public static final TableSchema EPISODES = new TableSchema("episodes", List.of(
            required("episode_id", LONG, "episode number"),
            required("step", INT, "0-based step within the episode"),
            required("state", DOUBLE_ARRAY, "observation before the action"),
            required("action", INT, "0-based index of the action taken"),
            required("action_probs", DOUBLE_ARRAY, "the behaviour policy's probabilities over all actions"),
            required("reward", DOUBLE, "reward received for the step"),
            required("done", BOOLEAN, "true on the episode's last step")),
            List.of(RewardRules.INSTANCE, EpisodeStepRules.INSTANCE));

    /** Columns every quarantine output adds to its table's columns. */
    public static final List<Field> QUARANTINE_FIELDS = List.of(
            required("reason", STRING, "why the row could not be used: `field: rule`"),
            optional("source_file", STRING, "file the row came from"),
            optional("source_line", LONG, "1-based line (text formats) or 0-based row index (Parquet, Delta)"),
            optional("raw", STRING, "the raw line, for text formats"));

    public static List<TableSchema> all() {
        return List.of(DECISIONS, REWARDS, INTERACTIONS, EPISODES);
    }

    /** The quarantine schema of a table: all its fields nullable, plus {@link #QUARANTINE_FIELDS}. */
    public static TableSchema quarantineOf(TableSchema table) {
        List<Field> fields = new ArrayList<>();
        for (Field f : table.fields()) {
            fields.add(optional(f.name(), f.type(), f.description()));
        }
        fields.addAll(QUARANTINE_FIELDS);
        return new TableSchema(table.name() + "_quarantine", fields);
    }
}
