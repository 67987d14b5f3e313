package io.rewind.ope.synthetic;

import java.util.SplittableRandom;

/**
 * A synthetic contextual bandit with known ground truth, after Open Bandit Pipeline's SyntheticBanditDataset:
 * contexts x ~ N(0, I_d); binary rewards with q(x, a) = sigmoid(θ_a·x + b_a); a softmax logging policy
 * π_b(a|x) ∝ exp(β · q(x, a)) (β &lt; 0 prefers poor actions, as OBP's benchmark with β = −3); and an
 * epsilon-greedy target policy on q. The target's value is known exactly for any set of contexts.
 * {@link #obpLogistic} draws θ and b as OBP's newer logistic reward function does.
 */
public final class SyntheticBandit {
    private final int actions;
    private final int dim;
    private final double beta;
    private final double epsilon;
    private final double[][] theta;
    private final double[] bias;

    public SyntheticBandit(int actions, int dim, double beta, double epsilon, long seed) {
        this(actions, dim, beta, epsilon, new double[actions][dim], new double[actions]);
        SplittableRandom r = new SplittableRandom(seed);
        for (int a = 0; a < actions; a++) {
            for (int j = 0; j < dim; j++) {
                theta[a][j] = gaussian(r);
            }
            bias[a] = gaussian(r);
        }
    }

    private SyntheticBandit(int actions, int dim, double beta, double epsilon, double[][] theta, double[] bias) {
        this.actions = actions;
        this.dim = dim;
        this.beta = beta;
        this.epsilon = epsilon;
        this.theta = theta;
        this.bias = bias;
    }

    /**
     * The reward function of Open Bandit Pipeline's newer {@code logistic_reward_function} (degree 1): with
     * x̃ = [1, x] and one-hot actions ẽ_a = [1, e_a], the logit c·x̃ + d·ẽ_a + x̃ᵀ C ẽ_a with every coefficient
     * uniform on [−1, 1], z-scored over contexts and actions. That logit is linear in x for each action, so it is
     * stored as θ_a, b_a; the z-score uses the exact mean and standard deviation under x ~ N(0, I) and uniform
     * actions (OBP uses the sample's, which for 10,000 rounds agree to about 1%).
     */
    public static SyntheticBandit obpLogistic(int actions, int dim, double beta, double epsilon, long seed) {
        return obpLogistic(actions, dim, beta, epsilon, seed, true);
    }

    /**
     * As {@link #obpLogistic}, but the z-score as OBP 0.5.6 releases it: {@code x - x.mean() / x.std()}
     * (operator precedence), which shifts the logits by mean/sd and keeps their raw scale instead of standardising
     * them. The published benchmark figures fit these data best.
     */
    public static SyntheticBandit obpLogisticAsReleased(int actions, int dim, double beta, double epsilon, long seed) {
        return obpLogistic(actions, dim, beta, epsilon, seed, false);
    }

    private static SyntheticBandit obpLogistic(int actions, int dim, double beta, double epsilon, long seed,
                                               boolean zScore) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] c = uniform(r, dim + 1);
        double[] d = uniform(r, actions + 1);
        double[][] cross = new double[dim + 1][];
        for (int j = 0; j <= dim; j++) {
            cross[j] = uniform(r, actions + 1);
        }
        double[][] theta = new double[actions][dim];
        double[] bias = new double[actions];
        double mean = 0;
        for (int a = 0; a < actions; a++) {
            bias[a] = c[0] + d[0] + d[a + 1] + cross[0][0] + cross[0][a + 1];
            for (int j = 0; j < dim; j++) {
                theta[a][j] = c[j + 1] + cross[j + 1][0] + cross[j + 1][a + 1];
            }
            mean += bias[a] / actions;
        }
        double variance = 0;
        for (int a = 0; a < actions; a++) {
            double v = (bias[a] - mean) * (bias[a] - mean);
            for (int j = 0; j < dim; j++) {
                v += theta[a][j] * theta[a][j];
            }
            variance += v / actions;
        }
        double sd = Math.sqrt(variance);
        for (int a = 0; a < actions; a++) {
            if (!zScore) {
                bias[a] -= mean / sd;
                continue;
            }
            bias[a] = (bias[a] - mean) / sd;
            for (int j = 0; j < dim; j++) {
                theta[a][j] /= sd;
            }
        }
        return new SyntheticBandit(actions, dim, beta, epsilon, theta, bias);
    }

    private static double[] uniform(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return v;
    }

    public int actions() {
        return actions;
    }

    public int dim() {
        return dim;
    }

    /** One logged round: context, the logged action, its probability, the reward, and both policies' vectors. */
    public record Round(double[] x, int action, double reward, double[] logging, double[] target, double[] q) {
    }

    public double[] context(SplittableRandom r) {
        double[] x = new double[dim];
        for (int j = 0; j < dim; j++) {
            x[j] = gaussian(r);
        }
        return x;
    }

    public Round round(SplittableRandom r) {
        double[] x = context(r);
        double[] q = expectedRewards(x);
        double[] logging = loggingPolicy(q);
        int a = sample(logging, r.nextDouble());
        double reward = r.nextDouble() < q[a] ? 1 : 0;
        return new Round(x, a, reward, logging, targetPolicy(q), q);
    }

    public double[] expectedRewards(double[] x) {
        double[] q = new double[actions];
        for (int a = 0; a < actions; a++) {
            double z = bias[a];
            for (int j = 0; j < dim; j++) {
                z += theta[a][j] * x[j];
            }
            q[a] = 1 / (1 + Math.exp(-z));
        }
        return q;
    }

    public double[] loggingPolicy(double[] q) {
        double[] p = new double[actions];
        double max = Double.NEGATIVE_INFINITY;
        for (double v : q) {
            max = Math.max(max, beta * v);
        }
        double sum = 0;
        for (int a = 0; a < actions; a++) {
            p[a] = Math.exp(beta * q[a] - max);
            sum += p[a];
        }
        for (int a = 0; a < actions; a++) {
            p[a] /= sum;
        }
        return p;
    }

    public double[] targetPolicy(double[] q) {
        double[] p = new double[actions];
        int best = 0;
        for (int a = 1; a < actions; a++) {
            if (q[a] > q[best]) {
                best = a;
            }
        }
        for (int a = 0; a < actions; a++) {
            p[a] = epsilon / actions + (a == best ? 1 - epsilon : 0);
        }
        return p;
    }

    /** Σ_a π_e(a|x) q(x, a): the target policy's expected reward at x. */
    public double targetValue(double[] x) {
        double[] q = expectedRewards(x);
        double[] p = targetPolicy(q);
        double v = 0;
        for (int a = 0; a < actions; a++) {
            v += p[a] * q[a];
        }
        return v;
    }

    /** The target policy's value over the context distribution, by Monte Carlo over {@code samples} contexts. */
    public double populationValue(int samples, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            sum += targetValue(context(r));
        }
        return sum / samples;
    }

    static int sample(double[] p, double u) {
        double c = 0;
        for (int a = 0; a < p.length; a++) {
            c += p[a];
            if (u < c) {
                return a;
            }
        }
        return p.length - 1;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
