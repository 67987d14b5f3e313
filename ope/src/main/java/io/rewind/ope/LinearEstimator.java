package io.rewind.ope;

/** An estimator that is the plain mean of one per-sample term; subclasses give the term's formula. */
public abstract class LinearEstimator<S extends OpeSample> extends Estimator<S> {
    /** The sample's term; the estimate is its mean. */
    protected abstract double term(S sample);

    @Override
    public final int terms() {
        return 1;
    }

    @Override
    public final void terms(S sample, double[] out) {
        out[0] = term(sample);
    }

    @Override
    public final double value(double[] means) {
        return means[0];
    }

    @Override
    protected final double[] gradient(double[] means) {
        return new double[] {1};
    }
}
