package io.rewind.ope.sequential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.ope.Estimate;
import io.rewind.ope.Estimator;
import io.rewind.ope.Evaluation;
import io.rewind.ope.synthetic.ChainMdp;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialEstimatorsTest {
    static final double G = 0.9;
    // two episodes: rewards, ratios, qHat, vHat
    static final EpisodeSample A = new EpisodeSample(1, new double[] {1, 0, 2}, new double[] {2, 0.5, 1},
            new double[] {0.5, 0.4, 1.5}, new double[] {0.6, 0.3, 1.2});
    static final EpisodeSample B = new EpisodeSample(2, new double[] {0, 1}, new double[] {0.5, 4},
            new double[] {0.2, 0.9}, new double[] {0.1, 0.7});

    static double run(Estimator<EpisodeSample> e) {
        Evaluation<EpisodeSample> ev = new Evaluation<>(List.of(e), 0, 1, Double.POSITIVE_INFINITY);
        ev.add(A);
        ev.add(B);
        return e.estimate(ev.stats(0));
    }

    @Test
    void handWorkedEpisodes() {
        // cumulative weights: A 2, 1, 1; B 0.5, 2 (then 2 carried for t=2)
        double pdisA = 2 * 1 + G * 1 * 0 + G * G * 1 * 2;
        double pdisB = 0.5 * 0 + G * 2 * 1;
        assertEquals((pdisA + pdisB) / 2, run(new PerDecisionIs(G)), 1e-12);

        double wpdis = (2 * 1 + 0.5 * 0) / (2 + 0.5) + G * (1 * 0 + 2 * 1) / (1 + 2) + G * G * (1 * 2 + 0) / (1 + 2);
        assertEquals(wpdis, run(new WeightedPerDecisionIs(G, 3)), 1e-12);

        double gA = 1 + 0 + G * G * 2;
        double gB = 0 + G * 1;
        assertEquals((1 * gA + 2 * gB) / (1 + 2), run(new WeightedIs(G)), 1e-12);

        double sdrA = 1.2 + 1 * (2 + 0 - 1.5);
        sdrA = 0.3 + 0.5 * (0 + G * sdrA - 0.4);
        sdrA = 0.6 + 2 * (1 + G * sdrA - 0.5);
        double sdrB = 0.7 + 4 * (1 + 0 - 0.9);
        sdrB = 0.1 + 0.5 * (0 + G * sdrB - 0.2);
        assertEquals((sdrA + sdrB) / 2, run(new SequentialDoublyRobust(G)), 1e-12);

        // WDR by its definition, with normalised weights per step (w_{-1} = 1/2)
        double[][] w = {{2 / 2.5, 0.5 / 2.5}, {1 / 3.0, 2 / 3.0}, {1 / 3.0, 2 / 3.0}};
        double[][] wPrev = {{0.5, 0.5}, w[0], w[1]};
        double[][] r = {{1, 0}, {0, 1}, {2, 0}};
        double[][] q = {{0.5, 0.2}, {0.4, 0.9}, {1.5, 0}};
        double[][] v = {{0.6, 0.1}, {0.3, 0.7}, {1.2, 0}};
        double wdr = 0;
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 2; i++) {
                wdr += Math.pow(G, t) * (w[t][i] * r[t][i] - (w[t][i] * q[t][i] - wPrev[t][i] * v[t][i]));
            }
        }
        assertEquals(wdr, run(new WeightedDoublyRobust(G, 3)), 1e-12);
        assertEquals((0.6 + 0.1) / 2, run(new SequentialDirectMethod()), 1e-12);
    }

    @Test
    void estimatesCoverTheTrueValueOfAChainMdp() {
        ChainMdp mdp = new ChainMdp(7, 20, 0.1, 0.95);
        double truth = mdp.value(0.8);
        assertTrue(Math.abs(truth - mdp.value(0.5)) > 0.1, "the target differs from the behaviour policy");
        List<EpisodeSample> episodes = mdp.episodes(2000, 0.5, 0.8, 0.1, 42);
        List<Estimator<EpisodeSample>> estimators = List.of(new PerDecisionIs(0.95), new WeightedPerDecisionIs(0.95,
                20), new WeightedIs(0.95), new SequentialDoublyRobust(0.95), new WeightedDoublyRobust(0.95, 20),
                new SequentialDirectMethod());
        Evaluation<EpisodeSample> ev = new Evaluation<>(estimators, 200, 7, Double.POSITIVE_INFINITY);
        episodes.forEach(ev::add);
        List<Estimate> results = ev.results(0.95);
        StringBuilder report = new StringBuilder("truth " + truth);
        for (Estimate e : results) {
            report.append(String.format("; %s %.4f [%.4f, %.4f]", e.estimator(), e.value(), e.bootstrap().lower(),
                    e.bootstrap().upper()));
        }
        System.out.println(report);
        for (Estimate e : results.subList(0, 5)) {
            assertTrue(e.bootstrap().contains(truth), e.estimator() + ": " + report);
            assertTrue(e.normal().contains(truth), e.estimator() + ": " + report);
        }
        double dmError = Math.abs(results.get(5).value() - truth);
        double sdrError = Math.abs(results.get(3).value() - truth);
        assertTrue(dmError > 0.05, "the value model is off by 0.1: " + report);
        assertTrue(sdrError < dmError / 3, "SDR corrects the biased model: " + report);
    }

    @Test
    void episodesLongerThanTheHorizonAreRefused() {
        Evaluation<EpisodeSample> ev = new Evaluation<>(List.of(new WeightedDoublyRobust(G, 2)), 0, 1, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ev.add(A));
        assertTrue(e.getMessage().contains("episode 1 has 3 steps, more than the horizon 2"));
    }

    @Test
    void fittedQEvaluationGivesAValueModelThatDmAndSdrUse() {
        ChainMdp mdp = new ChainMdp(7, 20, 0.1, 0.95);
        double truth = mdp.value(0.8);
        int n = 7;
        int horizon = 20;
        // tabular features over (state, step): the chain's values depend on the steps left
        java.util.function.Function<double[], double[]> tabular = s -> {
            double[] f = new double[n * (horizon + 1)];
            f[(int) s[0] * (horizon + 1) + (int) s[1]] = 1;
            return f;
        };
        List<ChainMdp.Step> steps = mdp.log(2000, 0.5, 9);
        List<FittedQEvaluation.Transition> data = new java.util.ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            ChainMdp.Step st = steps.get(i);
            double[] next = st.done() ? null : new double[] {steps.get(i + 1).state(), st.t() + 1};
            data.add(new FittedQEvaluation.Transition(new double[] {st.state(), st.t()}, st.action(), st.reward(),
                    next, new double[] {0.2, 0.8}));
        }
        FittedQEvaluation fqe = FittedQEvaluation.fit(data, 2, tabular, 0.95, 25, 1e-3);
        double dm = fqe.value(new double[] {n / 2, 0}, new double[] {0.2, 0.8});
        assertEquals(truth, dm, 0.03, "FQE's value at the start state");

        List<EpisodeSample> episodes = new java.util.ArrayList<>();
        List<double[]> buf = new java.util.ArrayList<>();
        for (ChainMdp.Step st : steps) {
            double[] s = {st.state(), st.t()};
            double ratio = st.action() == 1 ? 0.8 / 0.5 : 0.2 / 0.5;
            buf.add(new double[] {st.reward(), ratio, fqe.q(s, st.action()), fqe.value(s, new double[] {0.2, 0.8})});
            if (st.done()) {
                episodes.add(EpisodeSample.fromSteps(episodes.size(), buf));
                buf.clear();
            }
        }
        Evaluation<EpisodeSample> ev = new Evaluation<>(List.of(new SequentialDoublyRobust(0.95),
                new WeightedDoublyRobust(0.95, 20), new SequentialDirectMethod()), 200, 4, Double.POSITIVE_INFINITY);
        episodes.forEach(ev::add);
        List<Estimate> r = ev.results(0.95);
        assertTrue(r.get(0).bootstrap().contains(truth), r.get(0) + " truth " + truth);
        assertTrue(r.get(1).bootstrap().contains(truth), r.get(1) + " truth " + truth);
        assertEquals(truth, r.get(2).value(), 0.03, r.get(2).toString());
    }
}
