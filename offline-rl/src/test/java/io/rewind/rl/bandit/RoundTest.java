package io.rewind.rl.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rewind.formats.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scores a round folds from the ridge weights equal θ·φ, and the widths it folds from the shared block's A⁻¹
 * (and builds per arm) equal √(φᵀA⁻¹φ), both over the candidates' built feature vectors and the whole model.
 */
class RoundTest {
    @Test
    void foldedMeansEqualTheDotProductWithEachCandidatesFeatures() {
        SplittableRandom rng = new SplittableRandom(5);
        RidgeScorer scorer = trained(rng);
        double[] theta = scorer.state().theta();
        for (Round round : probes(rng)) {
            double[] means = round.means(scorer);
            double[][] phis = dense(round);
            for (int a = 0; a < phis.length; a++) {
                double expected = 0;
                for (int i = 0; i < theta.length; i++) {
                    expected += theta[i] * phis[a][i];
                }
                assertEquals(expected, means[a], 1e-12, "candidate " + a);
            }
        }
    }

    @Test
    void foldedWidthsEqualTheQuadraticFormOfEachCandidatesFeatures() {
        SplittableRandom rng = new SplittableRandom(7);
        RidgeScorer scorer = trained(rng);
        double[][] inverse = scorer.state().inverse();
        for (Round round : probes(rng)) {
            double[] widths = round.widths(scorer);
            double[][] phis = dense(round);
            for (int a = 0; a < phis.length; a++) {
                double[] v = phis[a];
                double q = 0;
                for (int i = 0; i < v.length; i++) {
                    for (int j = 0; j < v.length; j++) {
                        q += v[i] * inverse[i][j] * v[j];
                    }
                }
                assertEquals(Math.sqrt(q), widths[a], 1e-12 * Math.max(1, Math.sqrt(q)), "candidate " + a);
            }
        }
    }

    static final FeatureMap MAP = new FeatureMap(3, 4, List.of("arm-a", "arm-b"), 2, true);

    /** A model updated on 200 rounds, each on one candidate at random. */
    private static RidgeScorer trained(SplittableRandom rng) {
        RidgeScorer scorer = new RidgeScorer(MAP.blockSizes(), 1);
        for (int t = 0; t < 200; t++) {
            Phi[] phis = new Round(MAP, context(rng), candidates(rng, t % 2 == 0)).phis();
            scorer.update(phis[rng.nextInt(phis.length)], rng.nextDouble(), 1);
        }
        return scorer;
    }

    /** 50 rounds the model did not learn from, every other one with sparse features, the rest dense. */
    private static List<Round> probes(SplittableRandom rng) {
        List<Round> rounds = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
            rounds.add(new Round(MAP, context(rng), candidates(rng, t % 2 == 0)));
        }
        return rounds;
    }

    /** The round's candidates' φ as vectors of the model's whole dimension. */
    private static double[][] dense(Round round) {
        Phi[] phis = round.phis();
        double[][] out = new double[phis.length][];
        for (int a = 0; a < phis.length; a++) {
            out[a] = phis[a].toDense(MAP.dimension());
        }
        return out;
    }

    private static double[] context(SplittableRandom rng) {
        return new double[] {rng.nextDouble() * 2 - 1, rng.nextDouble(), rng.nextDouble() - 0.5};
    }

    /**
     * Items with features (one-hot, or all four non-zero: the folded widths take very sparse features one candidate
     * at a time and the rest side by side), two known arms and an unknown one that hashes into a spare block.
     */
    private static List<Candidate> candidates(SplittableRandom rng, boolean sparse) {
        List<Candidate> cs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            double[] f = new double[4];
            if (sparse) {
                f[rng.nextInt(4)] = rng.nextDouble();
            } else {
                f = new double[] {rng.nextDouble(), rng.nextDouble() - 0.5, rng.nextDouble(), 1};
            }
            cs.add(new Candidate("item-" + i, f));
        }
        cs.add(new Candidate("arm-a", null));
        cs.add(new Candidate("arm-b", null));
        cs.add(new Candidate("arm-new-" + rng.nextInt(10), null));
        return cs;
    }
}
