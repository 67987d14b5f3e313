package io.rewind.rl.bandit;

import io.rewind.formats.Candidate;
import java.util.List;

/**
 * One decision's inputs as the learners see them: the context, expanded once, and the candidates. Their φ are built
 * only when a learner asks (for updates); mean scores, and the widths of candidates with features, come straight from
 * the ridge model folded with the context once per round.
 */
public final class Round {
    private final FeatureMap features;
    private final double[] context;
    private final List<Candidate> candidates;
    private Phi[] phis;

    Round(FeatureMap features, double[] context, List<Candidate> candidates) {
        this.features = features;
        this.context = features.expandedContext(context);
        this.candidates = candidates;
    }

    public int size() {
        return candidates.size();
    }

    /** Every candidate's φ. */
    public Phi[] phis() {
        if (phis == null) {
            phis = features.phisOfExpanded(context, candidates);
        }
        return phis;
    }

    /** Every candidate's mean score θ·φ under {@code scorer}. */
    public double[] means(RidgeScorer scorer) {
        return scorer.means(features, context, candidates);
    }

    /** Every candidate's width √(φᵀA⁻¹φ) under {@code scorer}. */
    public double[] widths(RidgeScorer scorer) {
        return scorer.widths(features, context, candidates);
    }
}
