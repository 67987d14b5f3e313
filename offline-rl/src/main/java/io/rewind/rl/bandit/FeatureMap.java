package io.rewind.rl.bandit;

import io.rewind.formats.Candidate;
import io.rewind.formats.Split;
import java.io.Serializable;

/**
 * φ(x, a): the features of a context and one candidate action. A candidate with features f gets [1, f, x ⊗ f]
 * (context × action interactions), so a never-seen action with features gets a sensible score; a candidate without
 * features is a fixed arm, hashed by id into one of {@code armBuckets} blocks [1, x] (per-arm linear models that
 * admit new arms). Dimensions are fixed by the config, so the candidate set may change every round.
 */
public record FeatureMap(int contextDim, int actionDim, int armBuckets) implements Serializable {
    public int dimension() {
        return 1 + actionDim + contextDim * actionDim + armBuckets * (contextDim + 1);
    }

    public double[] phi(double[] x, Candidate c) {
        double[] out = new double[dimension()];
        double[] ctx = x == null ? new double[contextDim] : x;
        if (ctx.length != contextDim) {
            throw new IllegalArgumentException("context has " + ctx.length + " features, the model expects "
                    + contextDim);
        }
        if (c.features() != null) {
            double[] f = c.features();
            if (f.length != actionDim) {
                throw new IllegalArgumentException("action " + c.id() + " has " + f.length + " features, the model"
                        + " expects " + actionDim);
            }
            out[0] = 1;
            System.arraycopy(f, 0, out, 1, actionDim);
            int k = 1 + actionDim;
            for (double xi : ctx) {
                for (double fj : f) {
                    out[k++] = xi * fj;
                }
            }
        } else {
            if (armBuckets == 0) {
                throw new IllegalArgumentException("action " + c.id() + " has no features and the model has no arm"
                        + " buckets");
            }
            int bucket = (int) Math.floor(Split.unitHash(c.id()) * armBuckets);
            int base = 1 + actionDim + contextDim * actionDim + bucket * (contextDim + 1);
            out[base] = 1;
            System.arraycopy(ctx, 0, out, base + 1, contextDim);
        }
        return out;
    }
}
