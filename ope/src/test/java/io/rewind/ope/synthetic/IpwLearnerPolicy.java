package io.rewind.ope.synthetic;

import java.util.List;

/**
 * The evaluation policy of Open Bandit Pipeline's synthetic benchmark, rebuilt: a multinomial logistic regression
 * from context to the logged action, each row weighted by reward / logging probability (OBP's IPWLearner), whose
 * class probabilities p̂(a|x) become the policy softmax(p̂(·|x) / τ) with τ = 1 (IPWLearner.predict_proba).
 */
public final class IpwLearnerPolicy {
    private final double[][] w;
    private final double tau;

    private IpwLearnerPolicy(double[][] w, double tau) {
        this.w = w;
        this.tau = tau;
    }

    /**
     * Fits on logged rounds by full-batch gradient descent on the weighted, L2-regularised log loss. Rows of weight
     * zero add nothing to the gradient, so only the others are kept, with their features built once; the sums are
     * taken in the rows' order, as a loop over all of them would.
     */
    public static IpwLearnerPolicy fit(List<SyntheticBandit.Round> rounds, int actions, double l2, int iterations) {
        int d = rounds.get(0).x().length + 1;
        double[][] w = new double[actions][d];
        double[][] grad = new double[actions][d];
        double totalWeight = 0;
        int used = 0;
        double[] weights = new double[rounds.size()];
        int[] chosen = new int[rounds.size()];
        double[][] zs = new double[rounds.size()][];
        for (SyntheticBandit.Round r : rounds) {
            double weight = r.reward() / r.logging()[r.action()];
            totalWeight += weight;
            if (weight != 0) {
                weights[used] = weight;
                chosen[used] = r.action();
                zs[used++] = features(r.x());
            }
        }
        double step = 0.5;
        double[] p = new double[actions];
        for (int it = 0; it < iterations; it++) {
            for (double[] g : grad) {
                java.util.Arrays.fill(g, 0);
            }
            for (int i = 0; i < used; i++) {
                double[] z = zs[i];
                scoresInto(w, z, p);
                softmaxInPlace(p, 1);
                for (int a = 0; a < actions; a++) {
                    double err = p[a] - (a == chosen[i] ? 1 : 0);
                    double[] g = grad[a];
                    for (int j = 0; j < d; j++) {
                        g[j] += weights[i] * err * z[j];
                    }
                }
            }
            for (int a = 0; a < actions; a++) {
                for (int j = 0; j < d; j++) {
                    w[a][j] -= step * (grad[a][j] / totalWeight + l2 * w[a][j]);
                }
            }
        }
        return new IpwLearnerPolicy(w, 1.0);
    }

    private static void scoresInto(double[][] w, double[] z, double[] s) {
        for (int a = 0; a < w.length; a++) {
            double[] wa = w[a];
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                sum += wa[j] * z[j];
            }
            s[a] = sum;
        }
    }


    public double[] probs(double[] x) {
        return softmax(softmax(scores(w, features(x)), 1), tau);
    }

    private static double[] features(double[] x) {
        double[] z = new double[x.length + 1];
        z[0] = 1;
        System.arraycopy(x, 0, z, 1, x.length);
        return z;
    }

    private static double[] scores(double[][] w, double[] z) {
        double[] s = new double[w.length];
        scoresInto(w, z, s);
        return s;
    }

    static double[] softmax(double[] s, double tau) {
        return softmaxInPlace(s.clone(), tau);
    }

    private static double[] softmaxInPlace(double[] s, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v / tau);
        }
        double sum = 0;
        for (int a = 0; a < s.length; a++) {
            s[a] = Math.exp(s[a] / tau - max);
            sum += s[a];
        }
        for (int a = 0; a < s.length; a++) {
            s[a] /= sum;
        }
        return s;
    }
}
