package io.rewind.rl.batch;

import io.rewind.ope.Estimate;
import io.rewind.ope.Evaluation;
import io.rewind.ope.sequential.EpisodeSample;
import io.rewind.ope.sequential.PerDecisionIs;
import io.rewind.ope.sequential.SequentialDoublyRobust;
import io.rewind.ope.sequential.WeightedIs;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of the current Q policy estimated from logged episodes alone, as Coach reports it every epoch: the
 * target policy is softmax(Q/T) over BCQ's allowed actions; per-decision IS, weighted (trajectory) IS, and sequential
 * DR with the Q network as the value model (Q̂ = Q(s, a), V̂ = Σ π(a|s) Q(s, a)).
 */
public final class OffPolicyMetrics {
    private OffPolicyMetrics() {
    }

    /** The episodes as the sequential estimators see them under the learner's current policy. */
    public static List<EpisodeSample> episodes(DdqnBcq learner, Transitions data) {
        DdqnBcq.Scores scores = learner.score(data.state());
        double temperature = learner.config().softmaxTemperature();
        List<EpisodeSample> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= data.size(); i++) {
            if (i < data.size() && data.episode()[i] == data.episode()[start]) {
                continue;
            }
            int len = i - start;
            double[] rewards = new double[len];
            double[] ratios = new double[len];
            double[] qHat = new double[len];
            double[] vHat = new double[len];
            for (int t = 0; t < len; t++) {
                int k = start + t;
                double[] pi = scores.softmax(k, temperature);
                int a = data.action()[k];
                rewards[t] = data.reward()[k];
                ratios[t] = pi[a] / data.behaviour()[k][a];
                qHat[t] = scores.q()[k][a];
                double v = 0;
                for (int b = 0; b < pi.length; b++) {
                    v += pi[b] * scores.q()[k][b];
                }
                vHat[t] = v;
            }
            out.add(new EpisodeSample(data.episode()[start], rewards, ratios, qHat, vHat));
            start = i;
        }
        return out;
    }

    /** The three estimates each epoch reports, by name. */
    public record Estimates(Estimate pdis, Estimate wis, Estimate sdr) {
    }

    /** PDIS, WIS and SDR of the learner's policy on the episodes, with normal intervals at {@code level}. */
    public static Estimates estimate(DdqnBcq learner, Transitions data, double level) {
        return estimates(evaluation(learner, data), level);
    }

    /**
     * The mergeable statistics behind {@link #estimate}: episodes held in parts (an executor's partition each, every
     * episode whole in one part) give one evaluation each, merged before {@link #estimates}.
     */
    public static Evaluation<EpisodeSample> evaluation(DdqnBcq learner, Transitions data) {
        double gamma = learner.config().gamma();
        Evaluation<EpisodeSample> e = new Evaluation<>(List.of(new PerDecisionIs(gamma), new WeightedIs(gamma),
                new SequentialDoublyRobust(gamma)), 0, learner.config().seed(), Double.POSITIVE_INFINITY);
        if (data.size() > 0) {
            for (EpisodeSample s : episodes(learner, data)) {
                e.add(s);
            }
        }
        return e;
    }

    public static Estimates estimates(Evaluation<EpisodeSample> merged, double level) {
        List<Estimate> r = merged.results(level);
        return new Estimates(r.get(0), r.get(1), r.get(2));
    }
}
