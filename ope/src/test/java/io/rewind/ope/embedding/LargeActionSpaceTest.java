package io.rewind.ope.embedding;

import static io.rewind.ope.synthetic.EmbeddedActionsBandit.ACTIONS;
import static io.rewind.ope.synthetic.EmbeddedActionsBandit.CATEGORIES;
import static io.rewind.ope.synthetic.EmbeddedActionsBandit.LOGGER_BETA;
import static io.rewind.ope.synthetic.EmbeddedActionsBandit.TARGET_BETA;
import static io.rewind.ope.synthetic.EmbeddedActionsBandit.category;
import static io.rewind.ope.synthetic.EmbeddedActionsBandit.context;
import static io.rewind.ope.synthetic.EmbeddedActionsBandit.meanReward;
import static io.rewind.ope.synthetic.EmbeddedActionsBandit.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.ope.Evaluation;
import io.rewind.ope.Estimator;
import io.rewind.ope.bandit.BanditSample;
import io.rewind.ope.bandit.DoublyRobust;
import io.rewind.ope.bandit.Ips;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 1,000 actions in 10 categories, the reward depending on the action only through its category (MIPS's
 * assumption): a softmax logger and a sharper softmax target over per-action scores, Bernoulli rewards. The truth
 * is each context's exact expected reward under the target, averaged over 20,000 contexts; over 40 logs of 500
 * rounds MIPS's error is a fraction of IPS's, whose per-action weights explode, and below DR's with a per-category
 * reward model.
 */
class LargeActionSpaceTest {
    @Test
    void theMarginalWeightOfAnEmbeddingSumsOverTheActionsThatShareIt() {
        Object[] embeddings = {"a", "b", "a", "c"};
        EmbeddingSample s = EmbeddingSample.of(1, 1.0, 2, embeddings, new double[] {0.1, 0.2, 0.3, 0.4},
                new double[] {0.5, 0.1, 0.1, 0.3});
        assertEquals(0.4, s.loggedMarginal(), 1e-15);
        assertEquals(0.6, s.targetMarginal(), 1e-15);
        assertEquals(1.5, s.weight(), 1e-15);
    }

    @Test
    void mipsErrsFarLessThanIpsAndDrWithAThousandActions() {
        SplittableRandom truthContexts = new SplittableRandom(1);
        double truth = 0;
        int contexts = 20_000;
        for (int i = 0; i < contexts; i++) {
            double[] x = context(truthContexts);
            double[] pe = policy(x, TARGET_BETA);
            for (int a = 0; a < ACTIONS; a++) {
                truth += pe[a] * meanReward(x, category(a)) / contexts;
            }
        }
        List<Estimator<BanditSample>> perAction = List.of(new Ips(), new DoublyRobust());
        List<Estimator<EmbeddingSample>> marginal = List.of(new Mips(), new SelfNormalizedMips());
        double[] squared = new double[4];
        int logs = 40;
        int rounds = 500;
        Object[] embeddings = new Object[ACTIONS];
        for (int a = 0; a < ACTIONS; a++) {
            embeddings[a] = category(a);
        }
        for (int log = 0; log < logs; log++) {
            SplittableRandom r = new SplittableRandom(100 + log);
            List<double[]> xs = new ArrayList<>();
            int[] chosen = new int[rounds];
            double[] rewards = new double[rounds];
            double[] rewardSum = new double[CATEGORIES];
            double[] count = new double[CATEGORIES];
            List<double[]> pbs = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                double[] x = context(r);
                double[] pb = policy(x, LOGGER_BETA);
                double u = r.nextDouble();
                int a = 0;
                for (double acc = pb[0]; acc < u && a < ACTIONS - 1; acc += pb[++a]) {
                    // walk the cumulative distribution
                }
                double reward = r.nextDouble() < meanReward(x, category(a)) ? 1 : 0;
                xs.add(x);
                pbs.add(pb);
                chosen[i] = a;
                rewards[i] = reward;
                rewardSum[category(a)] += reward;
                count[category(a)]++;
            }
            Evaluation<BanditSample> perActionEval = new Evaluation<>(perAction, 0, log, Double.POSITIVE_INFINITY);
            Evaluation<EmbeddingSample> marginalEval = new Evaluation<>(marginal, 0, log, Double.POSITIVE_INFINITY);
            for (int i = 0; i < rounds; i++) {
                double[] pe = policy(xs.get(i), TARGET_BETA);
                int a = chosen[i];
                double dm = 0;
                for (int b = 0; b < ACTIONS; b++) {
                    dm += pe[b] * qHat(rewardSum, count, category(b));
                }
                perActionEval.add(new BanditSample(i, rewards[i], pbs.get(i)[a], pe[a],
                        qHat(rewardSum, count, category(a)), dm));
                marginalEval.add(EmbeddingSample.of(i, rewards[i], a, embeddings, pbs.get(i), pe));
            }
            for (int k = 0; k < 2; k++) {
                squared[k] += Math.pow(perAction.get(k).estimate(perActionEval.stats(k)) - truth, 2) / logs;
                squared[2 + k] += Math.pow(marginal.get(k).estimate(marginalEval.stats(k)) - truth, 2) / logs;
            }
        }
        String report = String.format("truth %.4f; RMSE over %d logs of %d rounds: IPS %.4f, DR %.4f, MIPS %.4f,"
                + " SNMIPS %.4f", truth, logs, rounds, Math.sqrt(squared[0]), Math.sqrt(squared[1]),
                Math.sqrt(squared[2]), Math.sqrt(squared[3]));
        System.out.println(report);
        assertTrue(squared[2] < squared[0] / 4, "MIPS's RMSE under half IPS's: " + report);
        assertTrue(squared[2] < squared[1], "MIPS's RMSE under DR's: " + report);
        assertTrue(squared[3] < squared[0] / 4, "SNMIPS's RMSE under half IPS's: " + report);
    }

    /** The mean logged reward of a category (0.5 where none was logged): a reward model without the context. */
    static double qHat(double[] sum, double[] count, int c) {
        return count[c] == 0 ? 0.5 : sum[c] / count[c];
    }
}
