package io.rewind.rl.bandit;

import io.rewind.formats.Candidate;
import io.rewind.formats.Split;
import java.io.Serializable;

/**
 * φ(x, a): the features of a context and one candidate action. A candidate with features f gets [1, f, x ⊗ f]
 * (context × action interactions), so a never-seen action with features gets a sensible score; a candidate without
 * features is a fixed arm with a block [1, x] of its own (per-arm linear models): the arms listed in
 * {@code knownArms} get one each, any other id is hashed into one of {@code armBuckets} more blocks, so new arms
 * are admitted. Dimensions are fixed by the config, so the candidate set may change every round. With
 * {@code quadratic} the context is first expanded to [x, x_i·x_j for i ≤ j] (VW's {@code -q} on the shared
 * namespace with itself).
 */
public record FeatureMap(int contextDim, int actionDim, java.util.List<String> knownArms, int armBuckets,
                         boolean quadratic) implements Serializable {
    public FeatureMap(int contextDim, int actionDim, int armBuckets) {
        this(contextDim, actionDim, java.util.List.of(), armBuckets, false);
    }

    public FeatureMap(int contextDim, int actionDim, java.util.List<String> knownArms, int armBuckets) {
        this(contextDim, actionDim, knownArms, armBuckets, false);
    }

    public FeatureMap withQuadratic(boolean q) {
        return new FeatureMap(contextDim, actionDim, knownArms, armBuckets, q);
    }

    /** The length of the context after the quadratic expansion, if any. */
    public int expandedContextDim() {
        return quadratic ? contextDim + contextDim * (contextDim + 1) / 2 : contextDim;
    }

    private double[] expand(double[] x) {
        if (!quadratic) {
            return x;
        }
        double[] e = new double[expandedContextDim()];
        System.arraycopy(x, 0, e, 0, x.length);
        int k = x.length;
        for (int i = 0; i < x.length; i++) {
            for (int j = i; j < x.length; j++) {
                e[k++] = x[i] * x[j];
            }
        }
        return e;
    }

    public FeatureMap {
        knownArms = java.util.List.copyOf(knownArms);
    }

    public int dimension() {
        int e = expandedContextDim();
        return 1 + actionDim + e * actionDim + (knownArms.size() + armBuckets) * (e + 1);
    }

    /** The sizes of the model's feature blocks: the shared block [1, f, x ⊗ f], then one [1, x] per arm. */
    public int[] blockSizes() {
        int arms = knownArms.size() + armBuckets;
        int[] sizes = new int[1 + arms];
        int e = expandedContextDim();
        sizes[0] = 1 + actionDim + e * actionDim;
        java.util.Arrays.fill(sizes, 1, sizes.length, e + 1);
        return sizes;
    }

    public Phi phi(double[] x, Candidate c) {
        return phi(c, expandedContext(x), null);
    }

    /** Every candidate's features for one context: the context is checked and expanded once. */
    public Phi[] phis(double[] x, java.util.List<Candidate> candidates) {
        return phisOfExpanded(expandedContext(x), candidates);
    }

    /** Every candidate's features for a context already expanded. */
    Phi[] phisOfExpanded(double[] expanded, java.util.List<Candidate> candidates) {
        Phi[] out = new Phi[candidates.size()];
        double[] armBlock = null;
        for (int i = 0; i < out.length; i++) {
            out[i] = phi(candidates.get(i), expanded, armBlock);
            if (candidates.get(i).features() == null) {
                armBlock = out[i].values();
            }
        }
        return out;
    }

    /**
     * θ·φ for every candidate without building φ: for a candidate with features f, θ·[1, f, x ⊗ f] = θ₀ + Σⱼ fⱼ wⱼ
     * with wⱼ = θ_f,ⱼ + Σᵢ xᵢ θ_xf,ᵢⱼ folded once per context; for an arm, its block's weights dotted with [1, x].
     */
    double[] scores(double[] theta, double[] expanded, java.util.List<Candidate> candidates) {
        int e = expanded.length;
        double[] folded = null;
        double[] out = new double[candidates.size()];
        for (int a = 0; a < out.length; a++) {
            Candidate c = candidates.get(a);
            if (c.features() != null) {
                double[] f = actionFeatures(c);
                if (folded == null) {
                    folded = new double[actionDim];
                    for (int j = 0; j < actionDim; j++) {
                        folded[j] = theta[1 + j];
                    }
                    for (int i = 0; i < e; i++) {
                        double xi = expanded[i];
                        int row = 1 + actionDim + i * actionDim;
                        for (int j = 0; j < actionDim; j++) {
                            folded[j] += xi * theta[row + j];
                        }
                    }
                }
                double s = theta[0];
                for (int j = 0; j < actionDim; j++) {
                    s += f[j] * folded[j];
                }
                out[a] = s;
            } else {
                int base = armBase(c, e);
                double s = theta[base];
                for (int i = 0; i < e; i++) {
                    s += theta[base + 1 + i] * expanded[i];
                }
                out[a] = s;
            }
        }
        return out;
    }

    /**
     * PᵀMP for the shared block's symmetric matrix M (row-major, of the block's size), P the map [1, f] ↦
     * [1, f, x ⊗ f] of this context: then φᵀMφ = [1, f]ᵀ(PᵀMP)[1, f] for every candidate with features f, so a
     * width costs (1 + actionDim)² per candidate once this is folded, not the block's size squared. (MP)ᵀ is built
     * row by row from M's rows (M's columns, M being symmetric), each step a vectorisable axpy over a whole row.
     */
    double[] foldShared(double[] m, double[] expanded) {
        int e = expanded.length;
        int k = 1 + actionDim;
        int n = k + e * actionDim;
        if (m.length != n * n) {
            throw new IllegalArgumentException("the shared block has " + m.length + " entries, not " + n + "²");
        }
        double[] t = new double[n]; // one row of (MP)ᵀ at a time
        double[] folded = new double[k * k]; // (MP)ᵀP
        for (int p = 0; p < k; p++) {
            System.arraycopy(m, p * n, t, 0, n);
            if (p > 0) {
                addContextRows(m, n, p - 1, expanded, t);
            }
            int to = p * k;
            System.arraycopy(t, 0, folded, to, k);
            for (int i = 0; i < e; i++) {
                double xi = expanded[i];
                if (xi != 0) {
                    int from = k + i * actionDim;
                    for (int j = 0; j < actionDim; j++) {
                        folded[to + 1 + j] += xi * t[from + j];
                    }
                }
            }
        }
        return folded;
    }

    /**
     * t += Σᵢ xᵢ · (M's row of the feature xᵢ·f_j), the x ⊗ f part of (MP)ᵀ's row for f_j; four rows per pass, a
     * quarter of the loads and stores of t (14 → 9 µs for the 121-feature block here).
     */
    private void addContextRows(double[] m, int n, int j, double[] expanded, double[] t) {
        int e = expanded.length;
        int step = actionDim * n; // from the row of x_i f_j to the row of x_{i+1} f_j
        int first = (1 + actionDim + j) * n;
        int i = 0;
        for (; i + 3 < e; i += 4) {
            double x0 = expanded[i];
            double x1 = expanded[i + 1];
            double x2 = expanded[i + 2];
            double x3 = expanded[i + 3];
            int r0 = first + i * step;
            for (int c = 0; c < n; c++) {
                t[c] += x0 * m[r0 + c] + x1 * m[r0 + step + c] + x2 * m[r0 + 2 * step + c]
                        + x3 * m[r0 + 3 * step + c];
            }
        }
        for (; i < e; i++) {
            double xi = expanded[i];
            int from = first + i * step;
            for (int c = 0; c < n; c++) {
                t[c] += xi * m[from + c];
            }
        }
    }

    /**
     * [1, f]ᵀB[1, f] for the candidates {@code cs[which[0, n)]}, all with features, and B from {@link #foldShared}
     * ({@link CandidateQuadratics}).
     */
    double[] foldedQuadratics(double[] folded, java.util.List<Candidate> cs, int[] which, int n) {
        double[][] features = new double[n][];
        for (int a = 0; a < n; a++) {
            features[a] = actionFeatures(cs.get(which[a]));
        }
        return CandidateQuadratics.of(folded, features);
    }

    /** One candidate's φ, the context already expanded; {@code armBlock} as in {@link #phisOfExpanded}. */
    Phi phiOfExpanded(Candidate c, double[] expanded, double[] armBlock) {
        return phi(c, expanded, armBlock);
    }

    double[] expandedContext(double[] x) {
        double[] ctx = x == null ? new double[contextDim] : x;
        if (ctx.length != contextDim) {
            throw new IllegalArgumentException("context has " + ctx.length + " features, the model expects "
                    + contextDim);
        }
        return expand(ctx);
    }

    /** One candidate's segment; {@code armBlock}, if given, is the [1, x] values another arm already built. */
    private Phi phi(Candidate c, double[] ctx, double[] armBlock) {
        int e = ctx.length;
        if (c.features() != null) {
            double[] f = actionFeatures(c);
            double[] out = new double[1 + actionDim + e * actionDim];
            out[0] = 1;
            System.arraycopy(f, 0, out, 1, actionDim);
            int k = 1 + actionDim;
            for (double xi : ctx) {
                for (double fj : f) {
                    out[k++] = xi * fj;
                }
            }
            return new Phi(0, out);
        }
        int base = armBase(c, e);
        double[] block = armBlock;
        if (block == null) {
            block = new double[e + 1];
            block[0] = 1;
            System.arraycopy(ctx, 0, block, 1, e);
        }
        return new Phi(base, block);
    }

    /** Where a fixed arm's block [1, x] starts: its own if known, else the bucket its id hashes to. */
    private int armBase(Candidate c, int expandedDim) {
        int known = knownArms.indexOf(c.id());
        if (known < 0 && armBuckets == 0) {
            throw new IllegalArgumentException("action " + c.id() + " has no features and is not one of the"
                    + " model's arms " + knownArms);
        }
        int bucket = known >= 0 ? known
                : knownArms.size() + (int) Math.floor(Split.unitHash(c.id()) * armBuckets);
        return 1 + actionDim + expandedDim * actionDim + bucket * (expandedDim + 1);
    }

    private double[] actionFeatures(Candidate c) {
        double[] f = c.features();
        if (f.length != actionDim) {
            throw new IllegalArgumentException("action " + c.id() + " has " + f.length + " features, the model"
                    + " expects " + actionDim);
        }
        return f;
    }
}
