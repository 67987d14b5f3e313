package io.rewind.ope;

import java.util.Locale;

/** How an interval is computed from the mergeable statistics. */
public enum IntervalMethod {
    /** Normal approximation, delta method for ratio estimators. */
    NORMAL,
    /** Percentile interval of the Poisson-bootstrap replicates. */
    BOOTSTRAP,
    /** Empirical Bernstein bound (Maurer &amp; Pontil 2009); IPS-type estimators only. */
    BERNSTEIN;

    public static IntervalMethod parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
