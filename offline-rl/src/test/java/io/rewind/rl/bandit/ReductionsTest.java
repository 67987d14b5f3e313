package io.rewind.rl.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.rl.sim.LinearBanditEnvironment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Learning from another policy's logs, and the honesty of the probabilities a learner logs. */
class ReductionsTest {
    static final int DIM = 5;
    final LinearBanditEnvironment env = new LinearBanditEnvironment(DIM, 40, 10, 20_000, 3);

    /** The expected reward of a learner's greedy choice on fresh rounds, without learning. */
    double greedyValue(LinearLearner l, int from, int rounds) {
        SplittableRandom r = new SplittableRandom(99);
        double total = 0;
        for (int t = from; t < from + rounds; t++) {
            LinearBanditEnvironment.Round round = env.round(t, r);
            double[] s = l.scores(round.x(), round.candidates());
            total += round.expected()[LinearLearner.argmax(s)];
        }
        return total / rounds;
    }

    @Test
    void everyReductionLearnsAGoodPolicyFromSkewedLogs() {
        FeatureMap map = new FeatureMap(DIM, DIM, 0);
        int rounds = 4000;
        double random = 0;
        double best = 0;
        SplittableRandom r0 = new SplittableRandom(99);
        for (int t = 10_000; t < 12_000; t++) {
            LinearBanditEnvironment.Round round = env.round(t, r0);
            double mean = 0;
            for (double q : round.expected()) {
                mean += q / round.expected().length;
            }
            random += mean / 2000;
            best += round.best() / 2000;
        }
        StringBuilder report = new StringBuilder(String.format("random %.3f, optimal %.3f", random, best));
        for (Reduction reduction : Reduction.values()) {
            LinearLearner learner = new EpsilonGreedy(map, 0, 1).withReduction(reduction);
            SplittableRandom envRng = new SplittableRandom(5);
            SplittableRandom logRng = new SplittableRandom(6);
            for (int t = 0; t < rounds; t++) {
                LinearBanditEnvironment.Round round = env.round(t, envRng);
                // the logging policy favours the first candidate: 0.55 there, 0.05 on each other one
                int k = round.candidates().size();
                int chosen = logRng.nextDouble() < 0.55 ? 0 : 1 + logRng.nextInt(k - 1);
                double p = chosen == 0 ? 0.55 : 0.45 / (k - 1);
                double reward = envRng.nextDouble() < round.expected()[chosen] ? 1 : 0;
                learner.learn(round.x(), round.candidates(), chosen, reward, p);
            }
            double v = greedyValue(learner, 10_000, 2000);
            report.append(String.format(", %s %.3f", reduction, v));
            assertTrue(v > random + 0.6 * (best - random), reduction + ": " + report);
        }
        System.out.println("greedy value after 4000 logged rounds: " + report);
    }

    @Test
    void theLoggedProbabilityIsTheSamplingFrequency() {
        FeatureMap map = new FeatureMap(DIM, DIM, 0);
        for (String spec : new String[] {"softmax:inverse_temperature=3", "bag", "thompson", "cover", "squarecb"}) {
            LinearLearner l = Learners.create(spec, map, 3);
            SplittableRandom envRng = new SplittableRandom(1);
            SplittableRandom rng = new SplittableRandom(2);
            for (int t = 0; t < 300; t++) {
                LinearBanditEnvironment.Round round = env.round(t, envRng);
                BanditDecision d = l.decide(round.x(), round.candidates(), rng);
                l.learn(round.x(), round.candidates(), d.chosen(),
                        envRng.nextDouble() < round.expected()[d.chosen()] ? 1 : 0, d.chosenProbability());
            }
            LinearBanditEnvironment.Round round = env.round(300, envRng);
            int n = 20_000;
            double[] counts = new double[round.candidates().size()];
            double[] mean = new double[counts.length];
            for (int i = 0; i < n; i++) {
                BanditDecision d = l.decide(round.x(), round.candidates(), rng);
                counts[d.chosen()] += 1.0 / n;
                for (int a = 0; a < mean.length; a++) {
                    mean[a] += d.probabilities()[a] / n;
                }
            }
            for (int a = 0; a < counts.length; a++) {
                assertEquals(mean[a], counts[a], 0.015, spec + ": candidate " + a);
            }
        }
    }
}
