package io.rewind.ope;

import java.util.Arrays;

/**
 * An estimator's value for a candidate policy minus its value for an incumbent, on the same data: the terms of
 * both, side by side, so the interval of the difference accounts for their correlation (delta method, or the
 * bootstrap on the same replicates). Promotion gates on this interval.
 */
public final class Difference<S extends OpeSample> extends Estimator<Paired<S>> {
    private final Estimator<S> estimator;
    private transient double[] scratch;

    public Difference(Estimator<S> estimator) {
        this.estimator = estimator;
    }

    @Override
    public String name() {
        return estimator.name() + " difference";
    }

    @Override
    public int terms() {
        return 2 * estimator.terms();
    }

    @Override
    public void terms(Paired<S> p, double[] out) {
        int k = estimator.terms();
        if (scratch == null) {
            scratch = new double[k];
        }
        estimator.terms(p.candidate(), scratch);
        System.arraycopy(scratch, 0, out, 0, k);
        estimator.terms(p.incumbent(), scratch);
        System.arraycopy(scratch, 0, out, k, k);
    }

    @Override
    public double value(double[] m) {
        int k = estimator.terms();
        return estimator.value(Arrays.copyOfRange(m, 0, k)) - estimator.value(Arrays.copyOfRange(m, k, 2 * k));
    }

    @Override
    protected double[] gradient(double[] m) {
        int k = estimator.terms();
        double[] gc = estimator.gradient(Arrays.copyOfRange(m, 0, k));
        double[] gi = estimator.gradient(Arrays.copyOfRange(m, k, 2 * k));
        if (gc == null || gi == null) {
            return null;
        }
        double[] g = new double[2 * k];
        for (int i = 0; i < k; i++) {
            g[i] = gc[i];
            g[k + i] = -gi[i];
        }
        return g;
    }
}
