package io.rewind.ope.multilogger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.ope.Estimate;
import io.rewind.ope.Estimator;
import io.rewind.ope.Evaluation;
import io.rewind.ope.bandit.BanditSample;
import io.rewind.ope.bandit.DoublyRobust;
import io.rewind.ope.bandit.Ips;
import io.rewind.ope.synthetic.SyntheticBandit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Two logging policies in one log, over one world (OBP's synthetic bandit, 10 actions): logger A, a softmax that
 * prefers poor actions (β = −3, 20% of the rounds), whose weights for the epsilon-greedy target are large, and logger
 * B, a softmax that prefers good ones (β = +3, 80%). The truth is the target's value by Monte Carlo over 200,000
 * contexts; DR's reward model is deliberately wrong (q̂ = q/2 + 1/4).
 */
class MultipleLoggersTest {
    // measured: IPS rmse 0.118, DR 0.036; BIPS 0.050, BDR 0.017; WIPS 0.050, WDR 0.017 (truth 0.909, 200 logs)
    static final int ACTIONS = 10;
    static final int DIM = 5;
    static final long WORLD = 7;
    static final SyntheticBandit A = new SyntheticBandit(ACTIONS, DIM, -3, 0.1, WORLD);
    static final SyntheticBandit B = new SyntheticBandit(ACTIONS, DIM, 3, 0.1, WORLD);
    static final double SHARE_A = 0.2;

    /** One log of {@code n} rounds, a share of them from A, in the order they were logged. */
    static List<LoggerSample> log(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LoggerSample> out = new ArrayList<>(n);
        int fromA = (int) Math.round(SHARE_A * n);
        for (int i = 0; i < n; i++) {
            int logger = i < fromA ? 0 : 1;
            double[] x = A.context(r);
            double[] q = A.expectedRewards(x);
            double[] pa = A.loggingPolicy(q);
            double[] pb = B.loggingPolicy(q);
            double[] own = logger == 0 ? pa : pb;
            double u = r.nextDouble();
            int a = 0;
            for (double acc = own[0]; acc < u && a < ACTIONS - 1; acc += own[++a]) {
                // walk the cumulative distribution
            }
            double reward = r.nextDouble() < q[a] ? 1 : 0;
            double[] pe = A.targetPolicy(q);
            double dm = 0;
            for (int k = 0; k < ACTIONS; k++) {
                dm += pe[k] * wrongModel(q[k]);
            }
            double average = SHARE_A * pa[a] + (1 - SHARE_A) * pb[a];
            out.add(new LoggerSample(new BanditSample(seed * 1_000_003L + i, reward, own[a], pe[a], wrongModel(q[a]),
                    dm), logger, average, LoggerSample.divergence(pe, own)));
        }
        return out;
    }

    static double wrongModel(double q) {
        return q / 2 + 0.25;
    }

    static List<Estimator<LoggerSample>> estimators() {
        return List.of(new BalancedIps(), new BalancedDr(), new WeightedIps(2), new WeightedDr(2));
    }

    /** Naive IPS and DR (each round weighed against its own logger: the single-logger estimators), then the rest. */
    static List<Estimate> results(List<LoggerSample> log) {
        Evaluation<BanditSample> naive = new Evaluation<>(List.of(new Ips(), new DoublyRobust()), 0, 11,
                Double.POSITIVE_INFINITY);
        log.forEach(s -> naive.add(s.round()));
        List<Estimate> out = new ArrayList<>(naive.results(0.9));
        out.addAll(evaluate(log, 0).results(0.9));
        return out;
    }

    static Evaluation<LoggerSample> evaluate(List<LoggerSample> log, int replicates) {
        Evaluation<LoggerSample> e = new Evaluation<>(estimators(), replicates, 11, Double.POSITIVE_INFINITY);
        log.forEach(e::add);
        return e;
    }

    @Test
    void balancedAndWeightedEstimatorsErrLessThanNaiveOnesAndStayUnbiased() {
        double truth = A.populationValue(200_000, 3);
        int logs = 200;
        int n = 1000;
        List<String> names = List.of("IPS", "DR", "BIPS", "BDR", "WIPS", "WDR");
        double[] sum = new double[names.size()];
        double[] squared = new double[names.size()];
        int[] covered = new int[names.size()];
        for (int log = 0; log < logs; log++) {
            List<Estimate> results = results(log(n, 100 + log));
            for (int i = 0; i < results.size(); i++) {
                double v = results.get(i).value();
                sum[i] += v;
                squared[i] += (v - truth) * (v - truth);
                if (results.get(i).normal().lower() <= truth && truth <= results.get(i).normal().upper()) {
                    covered[i]++;
                }
            }
        }
        double[] rmse = new double[names.size()];
        StringBuilder report = new StringBuilder("truth " + truth);
        for (int i = 0; i < names.size(); i++) {
            rmse[i] = Math.sqrt(squared[i] / logs);
            report.append(String.format("; %s mean %.4f rmse %.4f coverage %d/%d", names.get(i),
                    sum[i] / logs, rmse[i], covered[i], logs));
        }
        System.out.println(report);
        int ips = 0, dr = 1, bips = 2, bdr = 3, wips = 4, wdr = 5;
        assertTrue(rmse[bips] < 0.8 * rmse[ips], report::toString);
        assertTrue(rmse[wips] < 0.8 * rmse[ips], report::toString);
        assertTrue(rmse[bdr] < rmse[dr], report::toString);
        assertTrue(rmse[wdr] < rmse[dr], report::toString);
        // unbiased: the mean over the logs within 3 standard errors of the truth
        for (int i = 0; i < names.size(); i++) {
            double se = rmse[i] / Math.sqrt(logs);
            assertEquals(truth, sum[i] / logs, 3 * se, names.get(i) + ": " + report);
        }
        for (int i : new int[] {bips, bdr, wips, wdr}) {
            assertTrue(covered[i] >= 0.85 * logs, names.get(i) + " 90% interval coverage: " + report);
        }
    }

    @Test
    void weightedIpsAveragesEachLoggersIpsByItsSizeOverItsDivergence() {
        List<LoggerSample> log = log(600, 5);
        double[] n = new double[2];
        double[] s = new double[2];
        double[] divergence = new double[2];
        for (LoggerSample x : log) {
            n[x.logger()]++;
            s[x.logger()] += x.round().targetProb() / x.round().loggedProb() * x.round().reward();
            divergence[x.logger()] += x.divergence();
        }
        double num = 0;
        double den = 0;
        for (int k = 0; k < 2; k++) {
            double lambda = n[k] / (divergence[k] / n[k]);
            num += lambda * s[k] / n[k];
            den += lambda;
        }
        Evaluation<LoggerSample> e = new Evaluation<>(List.of(new WeightedIps(2)), 0, 1, Double.POSITIVE_INFINITY);
        log.forEach(e::add);
        assertEquals(num / den, e.results(0.95).get(0).value(), 1e-12);
        assertTrue(divergence[0] / n[0] > 3 * divergence[1] / n[1], "logger A is the one far from the target");
    }

    @Test
    void partsOfTheLogMergeToTheWholeLogsEstimates() {
        List<LoggerSample> log = log(800, 9);
        Evaluation<LoggerSample> whole = evaluate(log, 50);
        Evaluation<LoggerSample> first = evaluate(log.subList(0, 300), 50);
        Evaluation<LoggerSample> rest = evaluate(log.subList(300, 800), 50);
        List<Estimate> merged = first.merge(rest).results(0.95);
        List<Estimate> expected = whole.results(0.95);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).value(), merged.get(i).value(), 1e-12);
            assertEquals(expected.get(i).bootstrap().lower(), merged.get(i).bootstrap().lower(), 1e-12);
        }
    }

    @Test
    void aLoggerWhoseActionsTheTargetNeverTakesWeighsAsTheClosestOther() {
        List<LoggerSample> log = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // logger 0: ten rounds, every w = 0
            log.add(new LoggerSample(new BanditSample(i, 1, 0.5, 0, 0, 0), 0));
        }
        for (int i = 0; i < 1000; i++) { // logger 1: w = 2 throughout, reward 1 on half its rounds
            log.add(new LoggerSample(new BanditSample(100 + i, i % 2, 0.25, 0.5, 0, 0), 1));
        }
        Evaluation<LoggerSample> e = new Evaluation<>(List.of(new WeightedIps(2)), 0, 1, Double.POSITIVE_INFINITY);
        log.forEach(e::add);
        double expected = (10 / 4.0 * 0 + 1000 / 4.0 * 1.0) / (10 / 4.0 + 1000 / 4.0);
        assertEquals(expected, e.results(0.95).get(0).value(), 1e-12);
    }

    @Test
    void balancedEstimatorsNeedEveryLoggersProbability() {
        LoggerSample unknown = new LoggerSample(new BanditSample(1, 1, 0.5, 0.5, 0, 0), 0);
        Evaluation<LoggerSample> e = new Evaluation<>(List.of(new BalancedIps()), 0, 1, Double.POSITIVE_INFINITY);
        IllegalStateException x = assertThrows(IllegalStateException.class, () -> e.add(unknown));
        assertTrue(x.getMessage().contains("every logger's probability"), x.getMessage());
        Evaluation<LoggerSample> w = new Evaluation<>(List.of(new WeightedIps(1)), 0, 1, Double.POSITIVE_INFINITY);
        assertThrows(IllegalArgumentException.class,
                () -> w.add(new LoggerSample(new BanditSample(2, 1, 0.5, 0.5, 0, 0), 1)));
    }
}
