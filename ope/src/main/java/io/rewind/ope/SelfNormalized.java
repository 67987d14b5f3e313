package io.rewind.ope;

/**
 * The self-normalized importance-weighted mean, V̂ = Σ w·r / Σ w, whatever the weight weighs (an action, an
 * embedding): its two terms, its value and the gradient the delta method needs. Subclasses give the reward and
 * their name and paper.
 */
public abstract class SelfNormalized<S extends OpeSample> extends Estimator<S> {
    /** The sample's reward, weighted by {@link OpeSample#weight()}. */
    protected abstract double reward(S sample);

    @Override
    public final int terms() {
        return 2;
    }

    @Override
    public final void terms(S s, double[] out) {
        double w = s.weight();
        out[0] = w * reward(s);
        out[1] = w;
    }

    @Override
    public final double value(double[] m) {
        return m[0] / m[1];
    }

    @Override
    protected final double[] gradient(double[] m) {
        return new double[] {1 / m[1], -m[0] / (m[1] * m[1])};
    }
}
