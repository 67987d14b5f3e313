package io.rewind.ope.bandit;

import io.rewind.ope.OpeSample;

/**
 * One logged bandit round as the estimators see it.
 *
 * @param id stable row id (a hash of {@code event_id}); seeds the Poisson bootstrap, so replicates do not depend on
 *           how the rows are partitioned
 * @param reward the observed reward
 * @param loggedProb π_b(a|x), the logging policy's probability of the logged action
 * @param targetProb π_e(a|x), the target policy's probability of the logged action
 * @param qHat q̂(x, a), the reward model at the logged action
 * @param dmValue Σ_a' π_e(a'|x) q̂(x, a'), the reward model's value of the target policy at x
 */
public record BanditSample(long id, double reward, double loggedProb, double targetProb, double qHat,
                           double dmValue) implements OpeSample {
    public BanditSample {
        if (!(loggedProb > 0 && loggedProb <= 1)) {
            throw new IllegalArgumentException("logged probability must be in (0, 1], was " + loggedProb);
        }
        if (!(targetProb >= 0 && targetProb <= 1)) {
            throw new IllegalArgumentException("target probability must be in [0, 1], was " + targetProb);
        }
    }

    /** The importance weight π_e(a|x) / π_b(a|x). */
    @Override
    public double weight() {
        return targetProb / loggedProb;
    }
}
