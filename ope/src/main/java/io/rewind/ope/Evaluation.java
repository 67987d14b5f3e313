package io.rewind.ope;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs several estimators over one pass of samples: per estimator the {@link MomentStats} of its terms, shared
 * Poisson-bootstrap weights, and weight diagnostics. Partial evaluations over parts of the data {@link #merge}.
 */
public final class Evaluation<S extends OpeSample> implements Serializable {
    private final List<Estimator<S>> estimators;
    private final MomentStats[] stats;
    private final Diagnostics diagnostics;
    private final long seed;
    private transient double[] terms;
    private transient int[] poisson;

    /**
     * @param replicates Poisson-bootstrap replicates (0 for none)
     * @param seed bootstrap seed
     * @param clipAt the weight above which diagnostics count a weight as clipped
     */
    public Evaluation(List<Estimator<S>> estimators, int replicates, long seed, double clipAt) {
        if (estimators.isEmpty()) {
            throw new IllegalArgumentException("no estimators to run");
        }
        this.estimators = List.copyOf(estimators);
        this.stats = new MomentStats[estimators.size()];
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new MomentStats(estimators.get(i).terms(), replicates, estimators.get(i).tracksCovariance());
        }
        this.diagnostics = new Diagnostics(clipAt);
        this.seed = seed;
    }

    public void add(S sample) {
        add(sample, weights(sample.id()));
    }

    /**
     * The Poisson-bootstrap weights of the row with this id, drawn into an array this evaluation reuses: evaluations
     * with the same seed and replicates fed by one pass draw them once and pass them to {@link #add(OpeSample, int[])}.
     */
    public int[] weights(long id) {
        if (poisson == null) {
            poisson = new int[stats[0].replicates()];
        }
        PoissonBootstrap.weights(seed, id, poisson);
        return poisson;
    }

    /** Adds a sample with its bootstrap weights, as {@link #weights} drew them for its id. */
    public void add(S sample, int[] weights) {
        if (terms == null) {
            int max = 0;
            for (Estimator<S> e : estimators) {
                max = Math.max(max, e.terms());
            }
            terms = new double[max];
        }
        for (int i = 0; i < stats.length; i++) {
            estimators.get(i).terms(sample, terms);
            stats[i].add(terms, weights);
        }
        diagnostics.add(sample.weight());
    }

    public Evaluation<S> merge(Evaluation<S> o) {
        for (int i = 0; i < stats.length; i++) {
            stats[i].merge(o.stats[i]);
        }
        diagnostics.merge(o.diagnostics);
        return this;
    }

    public long n() {
        return diagnostics.n();
    }

    public List<Estimator<S>> estimators() {
        return estimators;
    }

    public MomentStats stats(int estimator) {
        return stats[estimator];
    }

    public List<Estimate> results(double level) {
        if (n() == 0) {
            throw new IllegalArgumentException("no samples to evaluate: the input is empty");
        }
        List<Estimate> out = new ArrayList<>();
        for (int i = 0; i < stats.length; i++) {
            Estimator<S> e = estimators.get(i);
            Interval bernstein;
            try {
                bernstein = e.interval(stats[i], level, IntervalMethod.BERNSTEIN);
            } catch (IllegalArgumentException notApplicable) {
                bernstein = null;
            }
            Interval bootstrap = stats[i].replicates() > 0 ? e.interval(stats[i], level, IntervalMethod.BOOTSTRAP)
                    : null;
            out.add(new Estimate(e.name(), e.estimate(stats[i]), e.interval(stats[i], level, IntervalMethod.NORMAL),
                    bootstrap, bernstein, diagnostics.n(), diagnostics.effectiveSampleSize(),
                    diagnostics.maxWeight(), diagnostics.meanWeight(), diagnostics.clippedShare()));
        }
        return out;
    }
}
