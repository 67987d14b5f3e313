package io.rewind.ope.slate;

import io.rewind.ope.OpeSample;

/**
 * One logged slate (a ranked top-k list) as the slate estimators see it.
 *
 * @param id stable row id
 * @param slotRewards r_k, the feedback at each slot (for cascade clicks: 0 above the click, 1 at it, 0 below)
 * @param conditionalRatios π_e(a_k | x, a_1..a_{k−1}) / π_b(a_k | x, a_1..a_{k−1}): the ratio of each slot's
 *                          probability given the slots above it (what sequential top-k sampling logs)
 * @param marginalRatios π_e(a_k at slot k | x) / π_b(a_k at slot k | x), or null when only conditional
 *                       probabilities are known
 */
public record SlateSample(long id, double[] slotRewards, double[] conditionalRatios, double[] marginalRatios)
        implements OpeSample {
    public SlateSample {
        if (slotRewards.length == 0 || conditionalRatios.length != slotRewards.length
                || (marginalRatios != null && marginalRatios.length != slotRewards.length)) {
            throw new IllegalArgumentException("slate " + id + ": one reward and one ratio per slot are needed");
        }
    }

    /** The whole slate's ratio, the product of the conditional ratios. */
    @Override
    public double weight() {
        double w = 1;
        for (double r : conditionalRatios) {
            w *= r;
        }
        return w;
    }
}
