package io.rewind.ope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.ope.bandit.BanditSample;
import io.rewind.ope.bandit.DirectMethod;
import io.rewind.ope.bandit.DoublyRobust;
import io.rewind.ope.bandit.DoublyRobustShrinkage;
import io.rewind.ope.bandit.Ips;
import io.rewind.ope.bandit.SelfNormalizedDoublyRobust;
import io.rewind.ope.bandit.Snips;
import io.rewind.ope.bandit.SwitchDoublyRobust;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Four logged rounds worked by hand; each expected number comes from a plain loop written here, not the classes. */
class HandWorkedTest {
    // reward, pi_b(a|x), pi_e(a|x), q(x,a), sum_a pi_e q
    static final double[][] ROWS = {
            {1, 0.5, 1.0, 0.8, 0.8},
            {0, 0.25, 0.5, 0.2, 0.4},
            {1, 0.8, 0.2, 0.6, 0.5},
            {0, 0.5, 0.0, 0.1, 0.3}};

    static List<BanditSample> samples() {
        return java.util.stream.IntStream.range(0, ROWS.length).mapToObj(i -> new BanditSample(i, ROWS[i][0],
                ROWS[i][1], ROWS[i][2], ROWS[i][3], ROWS[i][4])).toList();
    }

    static double run(io.rewind.ope.Estimator<BanditSample> e) {
        Evaluation<BanditSample> ev = new Evaluation<>(List.of(e), 0, 1, Double.POSITIVE_INFINITY);
        samples().forEach(ev::add);
        return e.estimate(ev.stats(0));
    }

    @Test
    void eachEstimatorMatchesItsFormula() {
        double n = ROWS.length;
        double ips = 0;
        double clipped = 0;
        double sw = 0;
        double dm = 0;
        double dr = 0;
        double corr = 0;
        double sw1 = 0;
        double shrink = 0;
        for (double[] r : ROWS) {
            double w = r[2] / r[1];
            ips += w * r[0] / n;
            clipped += Math.min(w, 1.5) * r[0] / n;
            sw += w;
            dm += r[4] / n;
            dr += (r[4] + w * (r[0] - r[3])) / n;
            corr += w * (r[0] - r[3]);
            sw1 += (r[4] + (w <= 1 ? w * (r[0] - r[3]) : 0)) / n;
            shrink += (r[4] + 2 * w / (w * w + 2) * (r[0] - r[3])) / n;
        }
        assertEquals(0.5625, ips, 1e-15); // (2 + 0 + 0.25 + 0) / 4 by hand
        assertEquals(ips, run(new Ips()), 1e-12);
        assertEquals(clipped, run(new Ips(1.5)), 1e-12);
        assertEquals(ips * n / sw, run(new Snips()), 1e-12);
        assertEquals(dm, run(new DirectMethod()), 1e-12);
        assertEquals(dr, run(new DoublyRobust()), 1e-12);
        assertEquals(dm + corr / sw, run(new SelfNormalizedDoublyRobust()), 1e-12);
        assertEquals(sw1, run(new SwitchDoublyRobust(1)), 1e-12);
        assertEquals(shrink, run(new DoublyRobustShrinkage(2)), 1e-12);
        assertEquals(dm, run(new SwitchDoublyRobust(0)), 1e-12, "tau 0: the reward model alone");
    }

    @Test
    void normalIntervalIsMeanPlusMinusZTimesStandardError() {
        Evaluation<BanditSample> ev = new Evaluation<>(List.of(new Ips()), 0, 1, Double.POSITIVE_INFINITY);
        samples().forEach(ev::add);
        double[] x = {2, 0, 0.25, 0};
        double mean = 0.5625;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(ss / 3 / 4);
        Interval i = new Ips().interval(ev.stats(0), 0.95, IntervalMethod.NORMAL);
        assertEquals(mean - 1.959963984540054 * se, i.lower(), 1e-9);
        assertEquals(mean + 1.959963984540054 * se, i.upper(), 1e-9);
    }

    @Test
    void diagnosticsOfTheWeights() {
        Evaluation<BanditSample> ev = new Evaluation<>(List.of(new Ips()), 0, 1, 1.5);
        samples().forEach(ev::add);
        Estimate e = ev.results(0.95).get(0);
        assertEquals(4, e.n());
        assertEquals(2.0, e.maxWeight());
        assertEquals(4.25 / 4, e.meanWeight(), 1e-12);
        assertEquals(4.25 * 4.25 / (4 + 4 + 0.0625), e.effectiveSampleSize(), 1e-12);
        assertEquals(0.5, e.clippedShare(), 1e-12);
    }

    @Test
    void mergingPartsEqualsOnePass() {
        Evaluation<BanditSample> whole = new Evaluation<>(List.of(new Snips(), new DoublyRobust()), 50, 3, 10);
        Evaluation<BanditSample> a = new Evaluation<>(List.of(new Snips(), new DoublyRobust()), 50, 3, 10);
        Evaluation<BanditSample> b = new Evaluation<>(List.of(new Snips(), new DoublyRobust()), 50, 3, 10);
        List<BanditSample> s = samples();
        s.forEach(whole::add);
        a.add(s.get(2));
        b.add(s.get(0));
        b.add(s.get(3));
        a.add(s.get(1));
        List<Estimate> merged = b.merge(a).results(0.9);
        List<Estimate> one = whole.results(0.9);
        for (int i = 0; i < 2; i++) {
            assertEquals(one.get(i).value(), merged.get(i).value(), 1e-12);
            assertEquals(one.get(i).bootstrap().lower(), merged.get(i).bootstrap().lower(), 1e-12);
            assertEquals(one.get(i).normal().upper(), merged.get(i).normal().upper(), 1e-12);
        }
    }

    @Test
    void poissonWeightsHaveMeanAndVarianceOne() {
        int[] w = new int[1000];
        double sum = 0;
        double sq = 0;
        for (long row = 0; row < 200; row++) {
            PoissonBootstrap.weights(42, row, w);
            for (int x : w) {
                sum += x;
                sq += x * x;
            }
        }
        double n = 200 * 1000;
        assertEquals(1.0, sum / n, 0.01);
        assertEquals(1.0, sq / n - (sum / n) * (sum / n), 0.02);
    }

    @Test
    void badInputIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BanditSample(1, 1, 0.0, 0.5, 0, 0));
        assertTrue(e.getMessage().contains("logged probability must be in (0, 1], was 0.0"));
        assertThrows(IllegalArgumentException.class, () -> new BanditSample(1, 1, 0.5, 1.2, 0, 0));
        Evaluation<BanditSample> empty = new Evaluation<>(List.of(new Ips()), 0, 1, 10);
        e = assertThrows(IllegalArgumentException.class, () -> empty.results(0.95));
        assertTrue(e.getMessage().contains("input is empty"));
        assertThrows(IllegalArgumentException.class, () -> new DirectMethod().interval(empty.stats(0), 0.95,
                IntervalMethod.BERNSTEIN));
    }

    @Test
    void differenceOfTwoPoliciesOnTheSameRows() {
        List<BanditSample> a = samples();
        List<Paired<BanditSample>> pairs = new java.util.ArrayList<>();
        double expected = 0;
        for (int i = 0; i < a.size(); i++) {
            BanditSample c = a.get(i);
            // the incumbent: the logging policy itself (weight 1)
            BanditSample inc = new BanditSample(c.id(), c.reward(), c.loggedProb(), c.loggedProb(), c.qHat(),
                    c.qHat());
            pairs.add(new Paired<>(c, inc));
            expected += (c.dmValue() + c.weight() * (c.reward() - c.qHat()) - c.reward()) / a.size();
        }
        Difference<BanditSample> diff = new Difference<>(new DoublyRobust());
        Evaluation<Paired<BanditSample>> ev = new Evaluation<>(List.of(diff), 100, 1, Double.POSITIVE_INFINITY);
        pairs.forEach(ev::add);
        assertEquals(expected, diff.estimate(ev.stats(0)), 1e-12);
        Interval i = diff.interval(ev.stats(0), 0.95, IntervalMethod.NORMAL);
        assertTrue(i.contains(expected) && i.width() > 0);
        Difference<BanditSample> snips = new Difference<>(new Snips());
        Evaluation<Paired<BanditSample>> ev2 = new Evaluation<>(List.of(snips), 0, 1, Double.POSITIVE_INFINITY);
        pairs.forEach(ev2::add);
        assertEquals(0.5625 / (4.25 / 4) - 0.5, snips.estimate(ev2.stats(0)), 1e-12);
    }
}
