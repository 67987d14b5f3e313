package io.rewind.ope.slate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.ope.Estimate;
import io.rewind.ope.Estimator;
import io.rewind.ope.Evaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlateEstimatorsTest {
    static double run(Estimator<SlateSample> e, SlateSample... s) {
        Evaluation<SlateSample> ev = new Evaluation<>(List.of(e), 0, 1, Double.POSITIVE_INFINITY);
        for (SlateSample x : s) {
            ev.add(x);
        }
        return e.estimate(ev.stats(0));
    }

    @Test
    void handWorkedSlates() {
        SlateSample a = new SlateSample(1, new double[] {0, 1, 0}, new double[] {2, 0.5, 3}, new double[] {1.5, 0.8,
                2});
        SlateSample b = new SlateSample(2, new double[] {1, 0, 0}, new double[] {0.5, 1, 1}, new double[] {0.6, 1.2,
                1});
        assertEquals((2 * 0.5 * 3 * 1 + 0.5 * 1 * 1 * 1) / 2, run(new StandardSlateIps(), a, b), 1e-12);
        assertEquals((2 * 0.5 * 1 + 0.5 * 1) / 2, run(new RewardInteractionIps(), a, b), 1e-12);
        assertEquals((0.8 * 1 + 0.6 * 1) / 2, run(new IndependentIps(), a, b), 1e-12);
    }

    /** 6 items, top-3 slates by Plackett-Luce sampling, cascade clicks: the exact value by enumerating slates. */
    @Test
    void cascadeSlatesAgainstTheExactValue() {
        double[] attract = {0.05, 0.1, 0.2, 0.3, 0.45, 0.6};
        double[] logging = {1, 1, 1, 1, 1, 1};
        double[] target = {0.2, 0.3, 0.6, 1, 2, 3};
        int k = 3;
        List<int[]> slates = new ArrayList<>();
        enumerate(new int[k], 0, new boolean[6], slates);
        double truth = 0;
        double[][] marginalLog = new double[6][k];
        double[][] marginalTarget = new double[6][k];
        for (int[] s : slates) {
            double pt = slateProb(target, s);
            double pl = slateProb(logging, s);
            double noClick = 1;
            for (int item : s) {
                noClick *= 1 - attract[item];
            }
            truth += pt * (1 - noClick);
            for (int j = 0; j < k; j++) {
                marginalLog[s[j]][j] += pl;
                marginalTarget[s[j]][j] += pt;
            }
        }
        SplittableRandom r = new SplittableRandom(5);
        List<Estimator<SlateSample>> estimators = List.of(new StandardSlateIps(), new RewardInteractionIps(),
                new IndependentIps());
        Evaluation<SlateSample> ev = new Evaluation<>(estimators, 200, 3, Double.POSITIVE_INFINITY);
        for (int i = 0; i < 200_000; i++) {
            int[] s = sample(logging, k, r);
            double[] rewards = new double[k];
            for (int j = 0; j < k; j++) {
                if (r.nextDouble() < attract[s[j]]) {
                    rewards[j] = 1;
                    break;
                }
            }
            double[] cond = new double[k];
            double[] marg = new double[k];
            boolean[] used = new boolean[6];
            for (int j = 0; j < k; j++) {
                cond[j] = conditional(target, s[j], used) / conditional(logging, s[j], used);
                used[s[j]] = true;
                marg[j] = marginalTarget[s[j]][j] / marginalLog[s[j]][j];
            }
            ev.add(new SlateSample(i, rewards, cond, marg));
        }
        List<Estimate> res = ev.results(0.95);
        String report = "truth " + truth + ": " + res.stream().map(e -> String.format("%s %.4f [%.4f, %.4f]",
                e.estimator(), e.value(), e.normal().lower(), e.normal().upper())).toList();
        System.out.println(report);
        assertTrue(res.get(0).normal().contains(truth), report);
        assertTrue(res.get(1).normal().contains(truth), report);
        assertTrue(res.get(1).normal().width() < res.get(0).normal().width(), "RIPS has less variance: " + report);
        assertTrue(!res.get(2).normal().contains(truth), "IIPS is biased under cascade clicks: " + report);
    }

    static void enumerate(int[] prefix, int depth, boolean[] used, List<int[]> out) {
        if (depth == prefix.length) {
            out.add(prefix.clone());
            return;
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                used[i] = true;
                prefix[depth] = i;
                enumerate(prefix, depth + 1, used, out);
                used[i] = false;
            }
        }
    }

    static double conditional(double[] scores, int item, boolean[] used) {
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!used[i]) {
                sum += scores[i];
            }
        }
        return scores[item] / sum;
    }

    static double slateProb(double[] scores, int[] slate) {
        boolean[] used = new boolean[scores.length];
        double p = 1;
        for (int item : slate) {
            p *= conditional(scores, item, used);
            used[item] = true;
        }
        return p;
    }

    static int[] sample(double[] scores, int k, SplittableRandom r) {
        boolean[] used = new boolean[scores.length];
        int[] s = new int[k];
        for (int j = 0; j < k; j++) {
            double u = r.nextDouble();
            double c = 0;
            int pick = -1;
            for (int i = 0; i < scores.length; i++) {
                if (!used[i]) {
                    c += conditional(scores, i, used);
                    pick = i;
                    if (u < c) {
                        break;
                    }
                }
            }
            s[j] = pick;
            used[pick] = true;
        }
        return s;
    }
}
