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

    /** Mean relative error of each estimator over 20 seeds; {@code data} makes the data set of a seed. */
    static double[] meanRelativeError(java.util.function.IntFunction<SyntheticEvaluation.DataSet> data,
                                      StringBuilder report) {
        double[] relErr = new double[ESTIMATORS.size()];
        int seeds = 20;
        // the seeds are independent: computed in parallel, summed in seed order (the same sums as one by one)
        List<double[]> bySeed = java.util.stream.IntStream.range(0, seeds).parallel().mapToObj(seed -> {
            SyntheticEvaluation.DataSet d = data.apply(seed);
            Evaluation<BanditSample> e = SyntheticEvaluation.evaluate(ESTIMATORS, d.samples(), 0, seed);
            double[] err = new double[ESTIMATORS.size()];
            for (int i = 0; i < err.length; i++) {
                double v = ESTIMATORS.get(i).estimate(e.stats(i));
                err[i] = Math.abs(v - d.trueValueOnContexts()) / d.trueValueOnContexts() / seeds;
            }
            return err;
        }).toList();
        for (double[] err : bySeed) {
            for (int i = 0; i < relErr.length; i++) {
                relErr[i] += err[i];
            }
        }
        for (int i = 0; i < relErr.length; i++) {
            report.append(ESTIMATORS.get(i).name()).append(' ').append(String.format("%.4f", relErr[i])).append("; ");
        }
        return relErr;
    }

    @Test
    void drAndSndrAreAtLeastAsAccurateAsThePublishedReference() {
        StringBuilder report = new StringBuilder();
        double[] relErr = meanRelativeError(seed -> SyntheticEvaluation.generate(
                new SyntheticBandit(30, 5, -3, 0.3, 1000 + seed), 10_000, seed, 2), report);
        System.out.println("mean relative error over 20 seeds: " + report);
        // The epsilon-greedy target puts 0.7 on the true best action, which the beta = -3 logger rarely takes
        // (weights up to ~85), so this setup is harder than OBP's published run (see BENCHMARKS.md).
        assertTrue(relErr[3] <= 0.02, "DR: " + report);
        assertTrue(relErr[4] <= 0.02, "SNDR: " + report);
        assertTrue(relErr[3] < relErr[0] / 3 && relErr[3] < relErr[2], "DR beats IPS and DM: " + report);
        assertTrue(relErr[4] < relErr[0] / 3 && relErr[4] < relErr[2], "SNDR beats IPS and DM: " + report);
    }

    /**
     * The published run's kind of target: OBP's IPWLearner (a reward/propensity-weighted classifier from context to
     * action, fitted on a separate logged sample, its class probabilities through a softmax with τ = 1). Reference
     * there: DR 0.0062, SNDR 0.0061, SNIPS 0.0067, IPS 0.0095, DM 0.074.
     */
    @Test
    void withObpsIpwLearnerTargetDrAndSndrBeatIpsByMoreThanThePublishedRun() {
        StringBuilder report = new StringBuilder();
        double[] relErr = meanRelativeError(seed -> SyntheticEvaluation.withIpwLearnerTarget(
                new SyntheticBandit(30, 5, -3, 0.3, 1000 + seed), 10_000, seed, 3), report);
        System.out.println("IPWLearner target, mean relative error over 20 seeds: " + report);
        // IPS, which uses no model, is 2.2x the published 0.0095 here, so the data still differ from OBP's (its
        // newer reward function); what can be compared is each estimator against IPS on the same data: published
        // DR/IPS 0.65, SNDR/IPS 0.64.
        assertTrue(relErr[3] <= 0.01 && relErr[4] <= 0.01, "DR and SNDR: " + report);
        assertTrue(relErr[3] / relErr[0] <= 0.65 && relErr[4] / relErr[0] <= 0.64, "relative to IPS: " + report);
        assertTrue(relErr[3] < relErr[1] && relErr[3] < relErr[2], "DR beats SNIPS and DM: " + report);
    }

    /**
     * The published run itself, as far as it can be rebuilt: OBP's newer logistic reward function
     * ({@link SyntheticBandit#obpLogistic}), the IPWLearner target fitted on a separate 10,000-round sample, 3-fold
     * cross-fitting of a {@link io.rewind.ope.reward.SharedSlopeLogistic} reward model, 20 seeds. Published: DR 0.0062, SNDR 0.0061, SNIPS 0.0067, IPS 0.0095, DM 0.074. The same data
     * evaluated by DR with the true reward function as its model (the oracle) shows the floor that the noise of
     * 10,000 binary rewards sets for DR-type estimators; Rewind's DR must be within 10% of it.
     */
    @Test
    void onObpsRewardFunctionDrIsAtTheNoiseFloorOfItsData() {
        java.util.function.IntFunction<java.util.function.IntFunction<SyntheticEvaluation.DataSet>> data =
                folds -> seed -> SyntheticEvaluation.withIpwLearnerTarget(
                        SyntheticBandit.obpLogistic(30, 5, -3, 0.3, 1000 + seed), 10_000, seed, folds,
                        SyntheticEvaluation.sharedSlopeLogistic(30));
        StringBuilder report = new StringBuilder();
        double[] relErr = meanRelativeError(data.apply(3), report);
        StringBuilder oracleReport = new StringBuilder();
        double[] oracle = meanRelativeError(data.apply(0), oracleReport);
        System.out.println("OBP reward function, IPWLearner target, mean relative error over 20 seeds: " + report
                + " with the true reward function as the model: " + oracleReport);
        assertTrue(relErr[0] <= 0.0095 * 1.5, "IPS, which uses no model, near the published 0.0095: " + report);
        assertTrue(relErr[3] <= 1.1 * oracle[3] && relErr[4] <= 1.1 * oracle[4],
                "DR and SNDR within 10% of the oracle: " + report + " oracle: " + oracleReport);
        assertTrue(relErr[2] < 0.074 && relErr[3] < relErr[0], "DM under the published 0.074, DR under IPS: " + report);
    }

    /**
     * OBP's generator as released in 0.5.6 ({@link SyntheticBandit#obpLogisticAsReleased}: the z-score line
     * subtracts mean/sd instead of standardising), with the IPWLearner target and 3-fold cross-fitting of a
     * {@link io.rewind.ope.reward.SharedSlopeLogistic} reward model, 20 seeds: the data the published figures fit best. Published: DR 0.0062, SNDR 0.0061 (standard deviations over its 20 runs
     * 0.0042 and 0.0040, so standard errors about 0.0009).
     */
    @Test
    void onObpsGeneratorAsReleasedDrAndSndrMeetThePublishedFigures() {
        StringBuilder report = new StringBuilder();
        double[] relErr = meanRelativeError(seed -> SyntheticEvaluation.withIpwLearnerTarget(
                SyntheticBandit.obpLogisticAsReleased(30, 5, -3, 0.3, 1000 + seed), 10_000, seed, 3,
                SyntheticEvaluation.sharedSlopeLogistic(30)), report);
        System.out.println("OBP generator as released, IPWLearner target, mean relative error over 20 seeds: "
                + report + java.util.Arrays.toString(relErr));
        assertTrue(relErr[3] <= 0.0062, "DR at most the published 0.0062: " + report);
        assertTrue(relErr[4] <= 0.0061, "SNDR at most the published 0.0061: " + report);
        assertTrue(relErr[3] < relErr[1] && relErr[3] < relErr[0] && relErr[3] < relErr[2], "DR beats IPS, SNIPS, DM: "
                + report);
    }
}
