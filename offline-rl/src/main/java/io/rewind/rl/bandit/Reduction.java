package io.rewind.rl.bandit;

/**
 * How a learner turns one logged round (the candidates, the chosen one, its reward and logging probability) into
 * regression updates. The names are VW's {@code --cb_type} values.
 */
public enum Reduction {
    /** Regress the chosen candidate's reward with weight 1: the learner's own online data. */
    DIRECT,
    /** Importance-weighted regression on the chosen candidate, weight 1/p (VW's {@code mtr}). */
    MTR,
    /** Every candidate regressed on its inverse-propensity reward estimate 1{a = chosen}·r/p. */
    IPS,
    /**
     * Every candidate regressed on its doubly robust estimate q̂(a) + 1{a = chosen}(r − q̂(a))/p, with the learner's
     * own prediction before the update as q̂ (Dudík, Langford &amp; Li 2011, "Doubly robust policy evaluation and
     * learning").
     */
    DR;

    public static Reduction parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown reduction '" + s + "', expected direct, mtr, ips or dr");
        }
    }
}
