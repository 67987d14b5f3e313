package io.rewind.rl.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/** The block-wise online ridge model against the ridge solution computed directly over all features. */
class RidgeScorerTest {
    private static final int[] BLOCKS = {6, 4, 4, 5};

    @Test
    void blockwiseUpdatesGiveTheDirectRidgeSolution() {
        double lambda = 0.7;
        RidgeScorer scorer = new RidgeScorer(BLOCKS, lambda);
        int d = scorer.dimension();
        RealMatrix a = new Array2DRowRealMatrix(d, d);
        RealVector b = new ArrayRealVector(d);
        for (int i = 0; i < d; i++) {
            a.setEntry(i, i, lambda);
        }
        SplittableRandom rng = new SplittableRandom(3);
        for (int t = 0; t < 400; t++) {
            Phi phi = randomSegment(rng);
            double reward = rng.nextDouble() * 2 - 1;
            double w = rng.nextInt(4) == 0 ? 0 : 0.5 + rng.nextDouble() * 3;
            scorer.update(phi, reward, w);
            RealVector x = new ArrayRealVector(phi.toDense(d));
            if (w > 0) {
                a = a.add(x.outerProduct(x).scalarMultiply(w));
                b = b.add(x.mapMultiply(w * reward));
            }
        }
        RealMatrix inverse = new LUDecomposition(a).getSolver().getInverse();
        RealVector theta = inverse.operate(b);
        for (int t = 0; t < 50; t++) {
            Phi phi = randomSegment(rng);
            RealVector x = new ArrayRealVector(phi.toDense(d));
            assertEquals(theta.dotProduct(x), scorer.mean(phi), 1e-9);
            assertEquals(Math.sqrt(x.dotProduct(inverse.operate(x))), scorer.width(phi), 1e-9);
        }
        RidgeScorer.State state = scorer.state();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(inverse.getEntry(i, j), state.inverse()[i][j], 1e-9, "A⁻¹ at " + i + ", " + j);
            }
        }
        RidgeScorer copy = new RidgeScorer(BLOCKS, 1);
        copy.restore(state);
        Phi probe = randomSegment(rng);
        assertEquals(scorer.width(probe), copy.width(probe), 0);
        assertEquals(scorer.mean(probe), copy.mean(probe), 0);
    }

    @Test
    void aSegmentAcrossTwoBlocksIsRefused() {
        RidgeScorer scorer = new RidgeScorer(BLOCKS, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scorer.update(new Phi(4, new double[] {1, 1, 1}), 1, 1));
        assertEquals("features 4 to 6 cross the model's feature blocks (block 0 ends at 5)", e.getMessage());
    }

    @Test
    void aSavedStateLinkingTwoBlocksIsRefused() {
        RidgeScorer dense = new RidgeScorer(10, 1);
        dense.update(Phi.dense(new double[] {1, 0, 0, 0, 0, 0, 0, 1, 0, 0}), 1, 1);
        RidgeScorer blocks = new RidgeScorer(new int[] {6, 4}, 1);
        assertThrows(IllegalArgumentException.class, () -> blocks.restore(dense.state()));
    }

    /** A segment inside one block: the whole block, or part of it, with some zeros. */
    private static Phi randomSegment(SplittableRandom rng) {
        int k = rng.nextInt(BLOCKS.length);
        int start = 0;
        for (int i = 0; i < k; i++) {
            start += BLOCKS[i];
        }
        int from = rng.nextBoolean() ? 0 : rng.nextInt(BLOCKS[k]);
        int length = 1 + rng.nextInt(BLOCKS[k] - from);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = rng.nextInt(5) == 0 ? 0 : rng.nextDouble() * 4 - 2;
        }
        return new Phi(start + from, values);
    }
}
