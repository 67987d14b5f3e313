package io.rewind.rl.sim;

import io.rewind.formats.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic contextual bandit with action features and a known optimal policy: contexts x ~ N(0, I_d), a
 * catalogue of items with features f, expected reward q(x, a) = σ(xᵀ W f_a), Bernoulli rewards. Each round offers
 * a random subset of the catalogue, and the last items enter the catalogue only halfway (cold items), so the
 * candidate set changes every round.
 */
public final class LinearBanditEnvironment {
    private final int dim;
    private final double[][] w;
    private final double[][] items;
    private final int offered;
    private final int rounds;

    public LinearBanditEnvironment(int dim, int catalogue, int offered, int rounds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        this.dim = dim;
        this.offered = offered;
        this.rounds = rounds;
        w = new double[dim][dim];
        for (double[] row : w) {
            for (int j = 0; j < dim; j++) {
                row[j] = gaussian(r);
            }
        }
        items = new double[catalogue][dim];
        for (double[] f : items) {
            for (int j = 0; j < dim; j++) {
                f[j] = gaussian(r) / Math.sqrt(dim);
            }
        }
    }

    /** One round: the context, the offered candidates and their expected rewards. */
    public record Round(double[] x, List<Candidate> candidates, double[] expected) {
        public double best() {
            double b = Double.NEGATIVE_INFINITY;
            for (double q : expected) {
                b = Math.max(b, q);
            }
            return b;
        }
    }

    public Round round(int t, SplittableRandom r) {
        double[] x = new double[dim];
        for (int j = 0; j < dim; j++) {
            x[j] = gaussian(r);
        }
        int available = t < rounds / 2 ? items.length - items.length / 4 : items.length;
        List<Integer> pool = new ArrayList<>();
        for (int i = 0; i < available; i++) {
            pool.add(i);
        }
        List<Candidate> candidates = new ArrayList<>();
        double[] expected = new double[offered];
        for (int k = 0; k < offered; k++) {
            int item = pool.remove(r.nextInt(pool.size()));
            candidates.add(new Candidate("item-" + item, items[item].clone()));
            double z = 0;
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    z += x[i] * w[i][j] * items[item][j];
                }
            }
            expected[k] = 1 / (1 + Math.exp(-z));
        }
        return new Round(x, candidates, expected);
    }

    public int rounds() {
        return rounds;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
