package io.rewind.ope;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.ope.bandit.BanditSample;
import io.rewind.ope.bandit.DirectMethod;
import io.rewind.ope.bandit.DoublyRobust;
import io.rewind.ope.bandit.Ips;
import io.rewind.ope.bandit.SelfNormalizedDoublyRobust;
import io.rewind.ope.bandit.Snips;
import io.rewind.ope.synthetic.SyntheticBandit;
import io.rewind.ope.synthetic.SyntheticEvaluation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ground truth by simulation, on Open Bandit Pipeline's synthetic setup: n = 10,000, 30 actions, 5-dimensional
 * contexts, β = −3, an epsilon-greedy (ε = 0.3) target on the true rewards. Mean relative error over 20 seeds.
 */
class SyntheticAccuracyTest {
    static final List<io.rewind.ope.Estimator<BanditSample>> ESTIMATORS = List.of(new Ips(), new Snips(),
            new DirectMethod(), new DoublyRobust(), new SelfNormalizedDoublyRobust());

    @Test
    void drAndSndrAreAtLeastAsAccurateAsThePublishedReference() {
        double[] relErr = new double[ESTIMATORS.size()];
        int seeds = 20;
        for (int seed = 0; seed < seeds; seed++) {
            SyntheticBandit bandit = new SyntheticBandit(30, 5, -3, 0.3, 1000 + seed);
            SyntheticEvaluation.DataSet data = SyntheticEvaluation.generate(bandit, 10_000, seed, 2);
            Evaluation<BanditSample> e = SyntheticEvaluation.evaluate(ESTIMATORS, data.samples(), 0, seed);
            for (int i = 0; i < relErr.length; i++) {
                double v = ESTIMATORS.get(i).estimate(e.stats(i));
                relErr[i] += Math.abs(v - data.trueValueOnContexts()) / data.trueValueOnContexts() / seeds;
            }
        }
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < relErr.length; i++) {
            report.append(ESTIMATORS.get(i).name()).append(' ').append(String.format("%.4f", relErr[i])).append("; ");
        }
        System.out.println("mean relative error over 20 seeds: " + report);
        // The epsilon-greedy target puts 0.7 on the true best action, which the beta = -3 logger rarely takes
        // (weights up to ~85), so this setup is harder than OBP's published run (see BENCHMARKS.md).
        assertTrue(relErr[3] <= 0.02, "DR: " + report);
        assertTrue(relErr[4] <= 0.02, "SNDR: " + report);
        assertTrue(relErr[3] < relErr[0] / 3 && relErr[3] < relErr[2], "DR beats IPS and DM: " + report);
        assertTrue(relErr[4] < relErr[0] / 3 && relErr[4] < relErr[2], "SNDR beats IPS and DM: " + report);
    }
}
