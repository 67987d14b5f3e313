package io.rewind.rl.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rewind.formats.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The scores a round folds from the ridge weights equal θ·φ over the candidates' built feature vectors. */
class RoundTest {
    @Test
    void foldedMeansEqualTheDotProductWithEachCandidatesFeatures() {
        FeatureMap map = new FeatureMap(3, 4, List.of("arm-a", "arm-b"), 2, true);
        RidgeScorer scorer = new RidgeScorer(map.blockSizes(), 1);
        SplittableRandom rng = new SplittableRandom(5);
        for (int t = 0; t < 200; t++) {
            Round round = new Round(map, context(rng), candidates(rng));
            Phi[] phis = round.phis();
            int a = rng.nextInt(phis.length);
            scorer.update(phis[a], rng.nextDouble(), 1);
        }
        for (int t = 0; t < 50; t++) {
            Round round = new Round(map, context(rng), candidates(rng));
            double[] means = round.means(scorer);
            Phi[] phis = round.phis();
            for (int a = 0; a < phis.length; a++) {
                double[] dense = phis[a].toDense(map.dimension());
                double expected = 0;
                double[] theta = scorer.state().theta();
                for (int i = 0; i < dense.length; i++) {
                    expected += theta[i] * dense[i];
                }
                assertEquals(expected, means[a], 1e-12, "candidate " + a);
            }
        }
    }

    private static double[] context(SplittableRandom rng) {
        return new double[] {rng.nextDouble() * 2 - 1, rng.nextDouble(), rng.nextDouble() - 0.5};
    }

    /** Items with features, two known arms and an unknown one that hashes into a spare block. */
    private static List<Candidate> candidates(SplittableRandom rng) {
        List<Candidate> cs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cs.add(new Candidate("item-" + i, new double[] {rng.nextDouble(), 0, rng.nextDouble(), 1}));
        }
        cs.add(new Candidate("arm-a", null));
        cs.add(new Candidate("arm-b", null));
        cs.add(new Candidate("arm-new-" + rng.nextInt(10), null));
        return cs;
    }
}
