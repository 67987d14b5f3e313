package io.rewind.formats;

import static io.rewind.formats.FieldChecks.finite;
import static io.rewind.formats.RowRule.field;

/** A reward's rules: a finite reward and per-slot rewards, and a click position of 0 or more. */
enum RewardRules implements RowRule {
    INSTANCE;

    @Override
    public void check(TableSchema schema, Object[] row) {
        finite("reward", (Double) field(schema, row, "reward"));
        finite("slot_rewards", (double[]) field(schema, row, "slot_rewards"));
        Integer click = (Integer) field(schema, row, "click_position");
        if (click != null && click < 0) {
            throw new FieldException("click_position", "must be 0 or more, was " + click);
        }
    }
}
