package io.rewind.ope;

/** What every evaluation sample (a bandit round, an episode) gives the bookkeeping shared by all estimators. */
public interface OpeSample {
    /** A stable id; seeds the Poisson bootstrap. */
    long id();

    /** The sample's importance weight, for diagnostics (an episode: the product of its per-step ratios). */
    double weight();
}
