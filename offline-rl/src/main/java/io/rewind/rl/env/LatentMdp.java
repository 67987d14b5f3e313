package io.rewind.rl.env;

import java.util.SplittableRandom;

/**
 * A synthetic MDP bigger than CartPole whose optimal value is known exactly: {@value #HIDDEN_STATES} hidden states,
 * {@value #ACTIONS} actions and {@value #STATE_DIM}-dimensional observations. Half the hidden states are rich, half
 * poor. In a rich state one action pays 1 and stays rich, one tempting action pays {@value #TEMPTATION} and leads to a
 * poor state, and the others pay uniform(0, 0.5) and lead anywhere; in a poor state one action pays nothing and leads
 * back to a rich state, and the others pay uniform(0, 0.3) and stay poor. So the greedy policy falls for the
 * temptation and stays poor, and the best policy gives up reward now to keep or regain the rich states. Rewards carry
 * Gaussian noise (sd {@value #REWARD_NOISE}); after every step the episode goes on with probability
 * {@value #CONTINUE} (about 10 steps), and is truncated after {@value #MAX_STEPS}. The observation is the hidden
 * state's fixed embedding (standard normal in each dimension) plus Gaussian noise (sd {@value #OBSERVATION_NOISE}):
 * far enough apart that the hidden state can be read from it, so the best policy over observations is the best over
 * hidden states, and its expected return is {@link #optimalReturn()} by value iteration. The tables and embeddings
 * come from one fixed seed: every user gets the same MDP. The start state is uniform.
 */
public final class LatentMdp implements Environment {
    public static final int HIDDEN_STATES = 10;
    public static final int ACTIONS = 10;
    public static final int STATE_DIM = 50;
    public static final double CONTINUE = 0.9;
    public static final double TEMPTATION = 1.3;
    public static final double REWARD_NOISE = 0.2;
    public static final double OBSERVATION_NOISE = 0.1;
    public static final int MAX_STEPS = 1000;
    private static final int RICH = HIDDEN_STATES / 2;
    private static final long STRUCTURE_SEED = 20_261_202L;
    private static final int[][] NEXT = new int[HIDDEN_STATES][ACTIONS];
    private static final double[][] MEAN_REWARD = new double[HIDDEN_STATES][ACTIONS];
    private static final double[][] EMBEDDING = new double[HIDDEN_STATES][STATE_DIM];

    static {
        SplittableRandom r = new SplittableRandom(STRUCTURE_SEED);
        for (int h = 0; h < HIDDEN_STATES; h++) {
            boolean rich = h < RICH;
            int key = r.nextInt(ACTIONS);
            int tempting = (key + 1 + r.nextInt(ACTIONS - 1)) % ACTIONS;
            for (int a = 0; a < ACTIONS; a++) {
                if (a == key) {
                    MEAN_REWARD[h][a] = rich ? 1 : 0;
                    NEXT[h][a] = r.nextInt(RICH);
                } else if (rich && a == tempting) {
                    MEAN_REWARD[h][a] = TEMPTATION;
                    NEXT[h][a] = RICH + r.nextInt(HIDDEN_STATES - RICH);
                } else {
                    MEAN_REWARD[h][a] = r.nextDouble() * (rich ? 0.5 : 0.3);
                    NEXT[h][a] = rich ? r.nextInt(HIDDEN_STATES) : RICH + r.nextInt(HIDDEN_STATES - RICH);
                }
            }
            for (int d = 0; d < STATE_DIM; d++) {
                EMBEDDING[h][d] = r.nextGaussian();
            }
        }
    }

    private int hidden;
    private int steps;
    private boolean done = true;

    public static int next(int hidden, int action) {
        return NEXT[hidden][action];
    }

    public static double meanReward(int hidden, int action) {
        return MEAN_REWARD[hidden][action];
    }

    public static double[] embedding(int hidden) {
        return EMBEDDING[hidden].clone();
    }

    /** The expected return of the best policy, over the uniform start: value iteration to convergence. */
    public static double optimalReturn() {
        return meanValue((v, h) -> {
            double best = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < ACTIONS; a++) {
                best = Math.max(best, backup(v, h, a));
            }
            return best;
        });
    }

    /** The expected return of a policy that takes the same action distribution in every state (policy evaluation). */
    public static double fixedPolicyReturn(double[] probs) {
        return meanValue((v, h) -> {
            double sum = 0;
            for (int a = 0; a < ACTIONS; a++) {
                sum += probs[a] * backup(v, h, a);
            }
            return sum;
        });
    }

    /** Reward now plus the value of where the action leads, weighted by the chance of going on. */
    private static double backup(double[] v, int h, int a) {
        return MEAN_REWARD[h][a] + CONTINUE * v[NEXT[h][a]];
    }

    /** The mean over start states of the fixed point of {@code update} (a contraction by {@value #CONTINUE}). */
    private static double meanValue(java.util.function.ToDoubleBiFunction<double[], Integer> update) {
        double[] v = new double[HIDDEN_STATES];
        for (int it = 0; it < 2_000; it++) {
            double[] w = new double[HIDDEN_STATES];
            for (int h = 0; h < HIDDEN_STATES; h++) {
                w[h] = update.applyAsDouble(v, h);
            }
            v = w;
        }
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    @Override
    public int stateDim() {
        return STATE_DIM;
    }

    @Override
    public int actions() {
        return ACTIONS;
    }

    @Override
    public double[] reset(SplittableRandom r) {
        hidden = r.nextInt(HIDDEN_STATES);
        steps = 0;
        done = false;
        return observe(r);
    }

    @Override
    public Step step(int action, SplittableRandom r) {
        if (done) {
            throw new IllegalStateException("the episode is over: reset first");
        }
        if (action < 0 || action >= ACTIONS) {
            throw new IllegalArgumentException("latent-mdp has actions 0 to " + (ACTIONS - 1) + ", not " + action);
        }
        double reward = MEAN_REWARD[hidden][action] + REWARD_NOISE * r.nextGaussian();
        hidden = NEXT[hidden][action];
        steps++;
        boolean ended = r.nextDouble() >= CONTINUE;
        boolean truncated = !ended && steps >= MAX_STEPS;
        done = ended || truncated;
        return new Step(observe(r), reward, done, truncated);
    }

    private double[] observe(SplittableRandom r) {
        double[] o = new double[STATE_DIM];
        for (int d = 0; d < STATE_DIM; d++) {
            o[d] = EMBEDDING[hidden][d] + OBSERVATION_NOISE * r.nextGaussian();
        }
        return o;
    }
}
