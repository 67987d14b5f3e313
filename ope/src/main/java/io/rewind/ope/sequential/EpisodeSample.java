package io.rewind.ope.sequential;

import io.rewind.ope.OpeSample;

/**
 * One logged episode as the sequential estimators see it, step by step.
 *
 * @param id the episode id (seeds the bootstrap)
 * @param rewards r_t
 * @param ratios ρ_t = π_e(a_t|s_t) / μ(a_t|s_t), the per-step importance ratios
 * @param qHat Q̂(s_t, a_t), a model of the target policy's action value at the logged action
 * @param vHat V̂(s_t) = Σ_a π_e(a|s_t) Q̂(s_t, a)
 */
public record EpisodeSample(long id, double[] rewards, double[] ratios, double[] qHat, double[] vHat)
        implements OpeSample {
    public EpisodeSample {
        int n = rewards.length;
        if (n == 0) {
            throw new IllegalArgumentException("episode " + id + " has no steps");
        }
        if (ratios.length != n || qHat.length != n || vHat.length != n) {
            throw new IllegalArgumentException("episode " + id + ": rewards, ratios, qHat and vHat differ in length");
        }
        for (double r : ratios) {
            if (!(r >= 0) || Double.isInfinite(r)) {
                throw new IllegalArgumentException("episode " + id + ": importance ratio must be finite and >= 0,"
                        + " was " + r);
            }
        }
    }

    /** An episode from its steps in order, each {reward, ratio, Q̂, V̂}. */
    public static EpisodeSample fromSteps(long id, java.util.List<double[]> steps) {
        double[][] c = new double[4][steps.size()];
        for (int t = 0; t < steps.size(); t++) {
            for (int j = 0; j < 4; j++) {
                c[j][t] = steps.get(t)[j];
            }
        }
        return new EpisodeSample(id, c[0], c[1], c[2], c[3]);
    }

    /** An episode without a value model (Q̂ = V̂ = 0), for the importance-sampling estimators. */
    public static EpisodeSample withoutModel(long id, double[] rewards, double[] ratios) {
        return new EpisodeSample(id, rewards, ratios, new double[rewards.length], new double[rewards.length]);
    }

    public int length() {
        return rewards.length;
    }

    /** The whole episode's importance weight Π_t ρ_t. */
    @Override
    public double weight() {
        double w = 1;
        for (double r : ratios) {
            w *= r;
        }
        return w;
    }
}
