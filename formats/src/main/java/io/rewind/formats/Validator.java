package io.rewind.formats;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The row rules of each table. {@link #check} returns null for a usable row, or the reason it is not, as
 * {@code field: rule}. Rules that need the whole table (unique ids, equal vector lengths) are applied by the jobs.
 */
public final class Validator implements java.io.Serializable {
    /** How far a probability vector's sum may be from 1. */
    public static final double PROB_SUM_TOLERANCE = 1e-4;
    /**
     * The largest magnitude of a feature or reward: beyond it the learners' sums of squares and products lose all
     * precision or overflow (1e308 passes as finite but trains a model of NaN and Infinity).
     */
    public static final double MAX_MAGNITUDE = 1e12;

    private final TableSchema schema;
    private final boolean decisionRules;

    private Validator(TableSchema schema) {
        this.schema = schema;
        this.decisionRules = schema.has("actions");
    }

    public static Validator of(TableSchema schema) {
        return new Validator(schema);
    }

    public String check(Object[] row) {
        try {
            checkRow(row);
            return null;
        } catch (FieldException e) {
            return e.getMessage();
        }
    }

    /** Throws a {@link FieldException} naming the first rule the row breaks. */
    public void checkRow(Object[] row) {
        for (int i = 0; i < schema.size(); i++) {
            if (schema.field(i).required() && row[i] == null) {
                throw new FieldException(schema.field(i).name(), "missing");
            }
        }
        for (String id : new String[] {"event_id", "model_id", "user_id"}) {
            if (schema.has(id) && row[schema.indexOf(id)] != null && ((String) row[schema.indexOf(id)]).isBlank()) {
                throw new FieldException(id, "empty");
            }
        }
        if (decisionRules) {
            checkDecision(row);
        }
        if (schema.has("reward")) {
            finite("reward", (Double) get(row, "reward"));
            finite("slot_rewards", (double[]) get(row, "slot_rewards"));
            Integer click = (Integer) get(row, "click_position");
            if (click != null && click < 0) {
                throw new FieldException("click_position", "must be 0 or more, was " + click);
            }
        }
        if (schema.has("split")) {
            String split = (String) get(row, "split");
            if (!Split.TRAIN.equals(split) && !Split.EVAL.equals(split)) {
                throw new FieldException("split", "must be train or eval, was \"" + split + "\"");
            }
        }
        if (schema.has("episode_id")) {
            checkEpisodeStep(row);
        }
    }

    private void checkDecision(Object[] row) {
        finite("context", (double[]) get(row, "context"));
        @SuppressWarnings("unchecked")
        Map<String, Double> sparse = (Map<String, Double>) get(row, "context_sparse");
        if (sparse != null) {
            sparse.forEach((k, v) -> finite("context_sparse." + k, v));
        }
        @SuppressWarnings("unchecked")
        List<Candidate> actions = (List<Candidate>) get(row, "actions");
        if (actions.isEmpty()) {
            throw new FieldException("actions", "no candidate actions");
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            Candidate c = actions.get(i);
            if (c.id() == null || c.id().isEmpty()) {
                throw new FieldException("actions[" + i + "].id", "missing");
            }
            if (position.put(c.id(), i) != null) {
                throw new FieldException("actions", "candidate id \"" + c.id() + "\" appears twice");
            }
            finite("actions[" + i + "].features", c.features());
        }
        String action = (String) get(row, "action");
        if (!position.containsKey(action)) {
            throw new FieldException("action", "\"" + action + "\" is not one of the candidates");
        }
        double actionProb = (Double) get(row, "action_prob");
        probability("action_prob", actionProb);
        Double sample = (Double) get(row, "sample_prob");
        if (sample != null && !(sample >= 0 && sample <= 1)) {
            throw new FieldException("sample_prob", "must be in [0, 1], was " + sample);
        }
        String[] slate = (String[]) get(row, "slate");
        double[] slotProbs = (double[]) get(row, "slot_probs");
        if (slate != null) {
            checkSlate(slate, slotProbs, position, action, actionProb);
        } else if (slotProbs != null) {
            throw new FieldException("slot_probs", "given without a slate");
        }
        double[] probs = (double[]) get(row, "action_probs");
        if (probs != null) {
            if (probs.length != actions.size()) {
                throw new FieldException("action_probs", "has " + probs.length + " entries for " + actions.size()
                        + " candidates");
            }
            distribution("action_probs", probs);
            if (slate == null && Math.abs(probs[position.get(action)] - actionProb) > PROB_SUM_TOLERANCE) {
                throw new FieldException("action_probs", "gives " + probs[position.get(action)]
                        + " to the chosen action, action_prob says " + actionProb);
            }
        }
    }

    private static void checkSlate(String[] slate, double[] slotProbs, Map<String, Integer> position, String action,
                                   double actionProb) {
        if (slate.length == 0) {
            throw new FieldException("slate", "empty");
        }
        Set<String> seen = new HashSet<>();
        for (String id : slate) {
            if (!position.containsKey(id)) {
                throw new FieldException("slate", "\"" + id + "\" is not one of the candidates");
            }
            if (!seen.add(id)) {
                throw new FieldException("slate", "\"" + id + "\" appears twice");
            }
        }
        if (!slate[0].equals(action)) {
            throw new FieldException("action", "must be the slate's first action \"" + slate[0] + "\", was \""
                    + action + "\"");
        }
        if (slotProbs == null) {
            throw new FieldException("slot_probs", "missing for a slate");
        }
        if (slotProbs.length != slate.length) {
            throw new FieldException("slot_probs", "has " + slotProbs.length + " entries for a slate of "
                    + slate.length);
        }
        for (int i = 0; i < slotProbs.length; i++) {
            probability("slot_probs[" + i + "]", slotProbs[i]);
        }
        if (slotProbs[0] != actionProb) {
            throw new FieldException("action_prob", "must equal slot_probs[0] " + slotProbs[0] + ", was "
                    + actionProb);
        }
    }

    private void checkEpisodeStep(Object[] row) {
        int step = (Integer) get(row, "step");
        if (step < 0) {
            throw new FieldException("step", "must be 0 or more, was " + step);
        }
        double[] state = (double[]) get(row, "state");
        if (state.length == 0) {
            throw new FieldException("state", "empty");
        }
        finite("state", state);
        double[] probs = (double[]) get(row, "action_probs");
        if (probs.length == 0) {
            throw new FieldException("action_probs", "empty");
        }
        distribution("action_probs", probs);
        int action = (Integer) get(row, "action");
        if (action < 0 || action >= probs.length) {
            throw new FieldException("action", action + " is not an index into action_probs (" + probs.length
                    + " actions)");
        }
        if (probs[action] <= 0) {
            throw new FieldException("action_probs", "gives probability 0 to the action taken (" + action + ")");
        }
    }

    /** The field's value, or null where this table has no such field. */
    private Object get(Object[] row, String field) {
        return schema.has(field) ? row[schema.indexOf(field)] : null;
    }

    private static void probability(String field, double p) {
        if (!(p > 0 && p <= 1)) {
            throw new FieldException(field, "must be in (0, 1], was " + p);
        }
    }

    private static void distribution(String field, double[] probs) {
        double sum = 0;
        for (int i = 0; i < probs.length; i++) {
            if (!(probs[i] >= 0 && probs[i] <= 1)) {
                throw new FieldException(field, "entry " + i + " must be in [0, 1], was " + probs[i]);
            }
            sum += probs[i];
        }
        if (Math.abs(sum - 1) > PROB_SUM_TOLERANCE) {
            throw new FieldException(field, "sums to " + sum + ", not 1");
        }
    }

    private static void finite(String field, Double v) {
        if (v != null) {
            sane(field, "", v);
        }
    }

    private static void finite(String field, double[] v) {
        if (v == null) {
            return;
        }
        for (int i = 0; i < v.length; i++) {
            sane(field, "entry " + i + " ", v[i]);
        }
    }

    /** A feature or reward: finite, and within {@link #MAX_MAGNITUDE}. */
    private static void sane(String field, String entry, double v) {
        if (!Double.isFinite(v)) {
            throw new FieldException(field, entry + "must be finite, was " + v);
        }
        if (Math.abs(v) > MAX_MAGNITUDE) {
            throw new FieldException(field, entry + "is outside +-" + MAX_MAGNITUDE + ", was " + v + " (rescale it)");
        }
    }
}
