package io.rewind.formats;

/** The checks row rules share: probabilities, distributions and sane numbers, each failing with the field named. */
public final class FieldChecks {
    /** How far a probability vector's sum may be from 1. */
    public static final double PROB_SUM_TOLERANCE = 1e-4;
    /**
     * The largest magnitude of a feature or reward: beyond it the learners' sums of squares and products lose all
     * precision or overflow (1e308 passes as finite but trains a model of NaN and Infinity).
     */
    public static final double MAX_MAGNITUDE = 1e12;

    private FieldChecks() {
    }

    static void probability(String field, double p) {
        if (!(p > 0 && p <= 1)) {
            throw new FieldException(field, "must be in (0, 1], was " + p);
        }
    }

    static void distribution(String field, double[] probs) {
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

    static void finite(String field, Double v) {
        if (v != null) {
            sane(field, "", v);
        }
    }

    static void finite(String field, double[] v) {
        if (v == null) {
            return;
        }
        for (int i = 0; i < v.length; i++) {
            if (!sane(v[i])) { // the message is built only for a bad entry: rows have millions of good ones
                sane(field, "entry " + i + " ", v[i]);
            }
        }
    }

    /** Whether a feature or reward is finite and within {@link #MAX_MAGNITUDE}, without naming it. */
    static boolean sane(double v) {
        return Double.isFinite(v) && Math.abs(v) <= MAX_MAGNITUDE;
    }

    /** {@link #sane(double)} for every entry of {@code v} (null: nothing to check). */
    static boolean allSane(double[] v) {
        if (v != null) {
            for (double x : v) {
                if (!sane(x)) {
                    return false;
                }
            }
        }
        return true;
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
