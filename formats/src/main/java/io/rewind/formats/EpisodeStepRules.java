package io.rewind.formats;

import static io.rewind.formats.FieldChecks.distribution;
import static io.rewind.formats.FieldChecks.finite;
import static io.rewind.formats.RowRule.field;

/**
 * An episode step's rules: a step of 0 or more, a non-empty finite state, a behaviour distribution that sums to 1,
 * and an action it indexes with a positive probability.
 */
enum EpisodeStepRules implements RowRule {
    INSTANCE;

    @Override
    public void check(TableSchema schema, Object[] row) {
        int step = (Integer) field(schema, row, "step");
        if (step < 0) {
            throw new FieldException("step", "must be 0 or more, was " + step);
        }
        double[] state = (double[]) field(schema, row, "state");
        if (state.length == 0) {
            throw new FieldException("state", "empty");
        }
        finite("state", state);
        double[] probs = (double[]) field(schema, row, "action_probs");
        if (probs.length == 0) {
            throw new FieldException("action_probs", "empty");
        }
        distribution("action_probs", probs);
        int action = (Integer) field(schema, row, "action");
        if (action < 0 || action >= probs.length) {
            throw new FieldException("action", action + " is not an index into action_probs (" + probs.length
                    + " actions)");
        }
        if (probs[action] <= 0) {
            throw new FieldException("action_probs", "gives probability 0 to the action taken (" + action + ")");
        }
    }
}
