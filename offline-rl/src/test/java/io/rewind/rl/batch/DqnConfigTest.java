package io.rewind.rl.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A data-parallel worker's settings: n times the step size, and a target that lags by the same data. */
class DqnConfigTest {
    private static DqnConfig withTarget(double rate, int every) {
        return new DqnConfig(List.of(8), 1e-3, 32, 0.9, rate, every, 0.3, 5, 7, 1.0);
    }

    @Test
    void aHardTargetCopyComesAfterNTimesFewerSteps() {
        DqnConfig two = withTarget(1.0, 100).forWorkers(2);
        assertEquals(2e-3, two.learningRate(), 1e-15);
        assertEquals(50, two.targetUpdateEvery());
        assertEquals(1.0, two.targetUpdateRate());
        assertEquals(33, withTarget(1.0, 100).forWorkers(3).targetUpdateEvery());
        assertEquals(1.0, withTarget(1.0, 100).forWorkers(3).targetUpdateRate());
    }

    @Test
    void aSoftUpdateEveryStepBlendsWhatNStepsWouldHave() {
        DqnConfig two = withTarget(0.005, 1).forWorkers(2);
        assertEquals(1, two.targetUpdateEvery());
        // two soft updates in a row leave (1 - τ)² of the old target
        double left = 0.995 * 0.995;
        assertEquals(1 - left, two.targetUpdateRate(), 1e-15);
        DqnConfig four = withTarget(0.005, 2).forWorkers(4);
        assertEquals(1, four.targetUpdateEvery());
        assertEquals(1 - left, four.targetUpdateRate(), 1e-15);
    }

    @Test
    void oneWorkerKeepsTheConfigAsItIs() {
        DqnConfig c = withTarget(0.1, 10);
        assertEquals(c, c.forWorkers(1));
    }
}
