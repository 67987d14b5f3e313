package io.rewind.rl.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Double DQN with a target network (van Hasselt, Guez &amp; Silver 2016) plus discrete batch-constrained Q-learning
 * (Fujimoto, Conti, Ghavamzadeh &amp; Pineau 2019, "Benchmarking batch deep reinforcement learning algorithms"): an
 * imitation network estimates the logging policy, and an action is allowed only where its imitation probability
 * divided by the most likely action's is at least the threshold, both when acting and in the target
 * y = r + γ·(1 − done)·Q_target(s', argmax over allowed a' of Q(s', a')).
 */
public final class DdqnBcq implements AutoCloseable {
    private static final float EXCLUDED = -1e9f;

    private final DqnConfig config;
    private final int stateDim;
    private final int actions;
    private final Mlp q;
    private final Mlp target;
    private final Mlp imitation;
    private long steps;

    public DdqnBcq(DqnConfig config, int stateDim, int actions) {
        this.config = config;
        this.stateDim = stateDim;
        this.actions = actions;
        Djl.engine().setRandomSeed((int) config.seed());
        q = new Mlp("q", stateDim, config.hidden(), actions, config.learningRate());
        target = new Mlp("q-target", stateDim, config.hidden(), actions, config.learningRate());
        imitation = new Mlp("imitation", stateDim, config.hidden(), actions, config.learningRate());
        target.blend(q, 1);
    }

    public DqnConfig config() {
        return config;
    }

    public int stateDim() {
        return stateDim;
    }

    public int actions() {
        return actions;
    }

    /** The losses of one epoch: mean TD loss and mean imitation cross-entropy. */
    public record EpochLoss(double td, double imitation) {
    }

    /** One pass over the transitions in minibatches, in an order drawn from {@code rng}. */
    public EpochLoss fitEpoch(Transitions data, SplittableRandom rng) {
        return fitEpoch(Replay.of(data), rng);
    }

    /**
     * One pass over a replay: its chunks in the order it draws, each chunk's transitions in minibatches in an order
     * drawn from {@code rng} (a chunk's last minibatch may be short).
     */
    public EpochLoss fitEpoch(Replay replay, SplittableRandom rng) {
        double td = 0;
        double ce = 0;
        int batches = 0;
        for (var chunks = replay.epoch(rng); chunks.hasNext(); ) {
            Transitions data = chunks.next();
            int n = data.size();
            int[] order = Replay.permutation(n, rng);
            for (int from = 0; from < n; from += config.batchSize()) {
                Minibatches.Batch b = new Minibatches.Batch(Math.min(config.batchSize(), n - from));
                for (int k = 0; k < b.action().length; k++) {
                    b.set(k, data, order[from + k]);
                }
                float[] losses = step(b);
                td += losses[0];
                ce += losses[1];
                batches++;
            }
        }
        if (batches == 0) {
            throw new IllegalArgumentException("no training transitions");
        }
        return new EpochLoss(td / batches, ce / batches);
    }

    /**
     * {@code steps} gradient steps on minibatches drawn from {@code batches}; {@code afterStep} runs after each with
     * the number of steps taken so far (a data-parallel worker averages its parameters with the others' there).
     */
    public EpochLoss fitSteps(Minibatches batches, int steps, java.util.function.IntConsumer afterStep) {
        double td = 0;
        double ce = 0;
        for (int k = 1; k <= steps; k++) {
            float[] losses = step(batches.next());
            td += losses[0];
            ce += losses[1];
            afterStep.accept(k);
        }
        return new EpochLoss(td / steps, ce / steps);
    }

    /** The Q and imitation networks' parameters, one flat array (what data-parallel workers average). */
    public float[] parameters() {
        return flatten(q, imitation);
    }

    /** Sets the Q and imitation networks' parameters from {@link #parameters()}'s layout; the target keeps its own. */
    public void parameters(float[] flat) {
        load(flat, q, imitation);
    }

    /**
     * What data-parallel workers average: {@link #parameters()} followed by the target network's. The target is a
     * blend of past Q networks, and blending is linear, so the mean of the workers' targets is the blend of their
     * mean Q networks: after each averaging every worker computes its TD targets from the same network, as one
     * process keeps one target.
     */
    public float[] parametersWithTarget() {
        return flatten(q, imitation, target);
    }

    /** Sets all three networks from {@link #parametersWithTarget()}'s layout. */
    public void parametersWithTarget(float[] flat) {
        load(flat, q, imitation, target);
    }

    private static float[] flatten(Mlp... nets) {
        float[][] each = new float[nets.length][];
        int total = 0;
        for (int i = 0; i < nets.length; i++) {
            each[i] = nets[i].parameters();
            total += each[i].length;
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] p : each) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static void load(float[] flat, Mlp... nets) {
        int used = 0;
        for (Mlp net : nets) {
            used += net.parameters(flat, used);
        }
        if (used != flat.length) {
            throw new IllegalArgumentException(flat.length + " parameters given, the networks have " + used);
        }
    }

    /** The target network takes the Q network's parameters (after parameters were set from outside). */
    public void syncTarget() {
        target.blend(q, 1);
    }

    private float[] step(Minibatches.Batch b) {
        try (NDManager m = q.manager().newSubManager()) {
            NDArray states = m.create(b.state());
            NDArray chosen = m.create(b.action()).oneHot(actions);
            float imitationLoss = imitation.train(states, logits ->
                    logits.logSoftmax(1).mul(chosen).sum(new int[] {1}).neg().mean());
            NDArray next = m.create(b.next());
            NDArray allowed = allowed(imitation.predict(next));
            NDArray best = NDArrays.where(allowed, q.predict(next), m.full(allowed.getShape(), EXCLUDED)).argMax(1);
            NDArray nextValue = target.predict(next).mul(best.oneHot(actions)).sum(new int[] {1});
            NDArray y = m.create(b.reward()).add(m.create(b.notDone()).mul(nextValue).mul((float) config.gamma()));
            float tdLoss = q.train(states, out -> out.mul(chosen).sum(new int[] {1}).sub(y).square().mean());
            steps++;
            if (steps % config.targetUpdateEvery() == 0) {
                target.blend(q, config.targetUpdateRate());
            }
            return new float[] {tdLoss, imitationLoss};
        }
    }

    /** Which actions BCQ allows: imitation probability over the most likely action's at least the threshold. */
    private NDArray allowed(NDArray logits) {
        NDArray p = logits.softmax(1);
        return p.div(p.max(new int[] {1}, true)).gte((float) config.bcqThreshold());
    }

    /** The Q values and BCQ's allowed actions for a batch of states. */
    public record Scores(float[][] q, boolean[][] allowed) {
        /** The greedy action among the allowed ones. */
        public int greedy(int row) {
            int best = -1;
            for (int a = 0; a < q[row].length; a++) {
                if (allowed[row][a] && (best < 0 || q[row][a] > q[row][best])) {
                    best = a;
                }
            }
            return best;
        }

        /** softmax(Q/T) over the allowed actions, 0 on the excluded ones. */
        public double[] softmax(int row, double temperature) {
            double[] p = new double[q[row].length];
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < p.length; a++) {
                if (allowed[row][a]) {
                    max = Math.max(max, q[row][a] / temperature);
                }
            }
            double sum = 0;
            for (int a = 0; a < p.length; a++) {
                p[a] = allowed[row][a] ? Math.exp(q[row][a] / temperature - max) : 0;
                sum += p[a];
            }
            for (int a = 0; a < p.length; a++) {
                p[a] /= sum;
            }
            return p;
        }
    }

    public Scores score(float[][] states) {
        try (NDManager m = q.manager().newSubManager()) {
            NDArray x = m.create(states);
            float[] qv = q.predict(x).toFloatArray();
            float[] logits = imitation.predict(x).toFloatArray();
            // BCQ's filter p(a)/max p >= threshold, on the logits: a - max >= ln threshold (no softmax needed)
            double logThreshold = Math.log(config.bcqThreshold());
            float[][] qs = new float[states.length][actions];
            boolean[][] al = new boolean[states.length][actions];
            for (int i = 0; i < states.length; i++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int a = 0; a < actions; a++) {
                    max = Math.max(max, logits[i * actions + a]);
                }
                for (int a = 0; a < actions; a++) {
                    qs[i][a] = qv[i * actions + a];
                    al[i][a] = (double) logits[i * actions + a] - max >= logThreshold;
                }
            }
            return new Scores(qs, al);
        }
    }

    /** The greedy allowed action in one state. */
    public int act(double[] state) {
        return score(new float[][] {Transitions.floats(state)}).greedy(0);
    }

    public void save(Path dir) {
        q.save(dir, "q");
        imitation.save(dir, "imitation");
    }

    /** Restores saved networks (the target network takes the Q network's parameters). */
    public void load(Path dir) {
        q.load(dir, "q");
        imitation.load(dir, "imitation");
        target.blend(q, 1);
    }

    @Override
    public void close() {
        q.close();
        target.close();
        imitation.close();
    }
}
