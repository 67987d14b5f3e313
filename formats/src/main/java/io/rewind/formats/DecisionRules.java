package io.rewind.formats;

import static io.rewind.formats.FieldChecks.distribution;
import static io.rewind.formats.FieldChecks.finite;
import static io.rewind.formats.FieldChecks.probability;
import static io.rewind.formats.RowRule.field;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A logged decision's rules: finite context, distinct candidates, a chosen action among them with a probability in
 * (0, 1], a slate's slots among the candidates with their probabilities, and a full distribution that sums to 1 and
 * agrees with {@code action_prob}.
 */
enum DecisionRules implements RowRule {
    INSTANCE;

    @Override
    public void check(TableSchema schema, Object[] row) {
        finite("context", (double[]) field(schema, row, "context"));
        @SuppressWarnings("unchecked")
        Map<String, Double> sparse = (Map<String, Double>) field(schema, row, "context_sparse");
        if (sparse != null) {
            sparse.forEach((k, v) -> {
                if (v != null && !FieldChecks.sane(v)) {
                    finite("context_sparse." + k, v);
                }
            });
        }
        @SuppressWarnings("unchecked")
        List<Candidate> actions = (List<Candidate>) field(schema, row, "actions");
        if (actions.isEmpty()) {
            throw new FieldException("actions", "no candidate actions");
        }
        Map<String, Integer> position = new HashMap<>(2 * actions.size()); // sized: no rehash per row
        for (int i = 0; i < actions.size(); i++) {
            Candidate c = actions.get(i);
            if (c.id() == null || c.id().isEmpty()) {
                throw new FieldException("actions[" + i + "].id", "missing");
            }
            if (position.put(c.id(), i) != null) {
                throw new FieldException("actions", "candidate id \"" + c.id() + "\" appears twice");
            }
            if (!FieldChecks.allSane(c.features())) { // named only when bad: a row has many candidates
                finite("actions[" + i + "].features", c.features());
            }
        }
        String action = (String) field(schema, row, "action");
        if (!position.containsKey(action)) {
            throw new FieldException("action", "\"" + action + "\" is not one of the candidates");
        }
        double actionProb = (Double) field(schema, row, "action_prob");
        probability("action_prob", actionProb);
        String source = (String) field(schema, row, "action_prob_source");
        if (source != null && !source.equals("logged") && !source.equals("estimated")) {
            throw new FieldException("action_prob_source", "must be logged or estimated, was \"" + source + "\"");
        }
        Double sample = (Double) field(schema, row, "sample_prob");
        if (sample != null && !(sample >= 0 && sample <= 1)) {
            throw new FieldException("sample_prob", "must be in [0, 1], was " + sample);
        }
        String[] slate = (String[]) field(schema, row, "slate");
        double[] slotProbs = (double[]) field(schema, row, "slot_probs");
        if (slate != null) {
            checkSlate(slate, slotProbs, position, action, actionProb);
        } else if (slotProbs != null) {
            throw new FieldException("slot_probs", "given without a slate");
        }
        double[] probs = (double[]) field(schema, row, "action_probs");
        if (probs != null) {
            if (probs.length != actions.size()) {
                throw new FieldException("action_probs", "has " + probs.length + " entries for " + actions.size()
                        + " candidates");
            }
            distribution("action_probs", probs);
            if (slate == null
                    && Math.abs(probs[position.get(action)] - actionProb) > FieldChecks.PROB_SUM_TOLERANCE) {
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
}
