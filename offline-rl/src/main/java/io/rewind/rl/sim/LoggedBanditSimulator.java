package io.rewind.rl.sim;

import io.rewind.formats.Candidate;
import io.rewind.formats.Tables;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A classification problem turned into logged bandit data: each row is a context, each class an arm, and the reward
 * is 1 when the logging policy chose the row's class. Row {@code i} depends only on the seed and {@code i}, so the
 * data is the same however it is partitioned. Rows come as {@link Tables#DECISIONS} and {@link Tables#REWARDS}.
 */
public final class LoggedBanditSimulator implements Serializable {
    /** Ways a row can be corrupted; the text-only ones need a text format. */
    public enum Corruption { NONE, MISSING_ID, PROBABILITY_ABOVE_ONE, NAN_VALUE, WRONG_VECTOR_LENGTH, TRUNCATED_LINE,
        WRONG_TYPE }

    private final LoggedBanditConfig config;
    private final double[][] truth;
    private final double[][] logger;
    private final List<Candidate> candidates;
    private final io.rewind.rl.bandit.LinearLearner model;
    private final long firstRow;

    public LoggedBanditSimulator(LoggedBanditConfig config) {
        this(config, null, 0);
    }

    /**
     * A simulator of the same problem whose logger is a saved model mixed with uniform exploration (the config's
     * epsilon), and whose row {@code i} is the problem's row {@code firstRow + i} (new events, the same truth).
     */
    public LoggedBanditSimulator(LoggedBanditConfig config, io.rewind.rl.bandit.LinearLearner model, long firstRow) {
        this.config = config;
        this.model = model;
        this.firstRow = firstRow;
        SplittableRandom r = new SplittableRandom(config.seed());
        truth = new double[config.actions()][config.features()];
        logger = new double[config.actions()][config.features()];
        for (int a = 0; a < config.actions(); a++) {
            for (int j = 0; j < config.features(); j++) {
                truth[a][j] = gaussian(r);
                logger[a][j] = truth[a][j] + 0.8 * gaussian(r);
            }
        }
        List<Candidate> cs = new ArrayList<>();
        for (int a = 0; a < config.actions(); a++) {
            cs.add(new Candidate(String.valueOf(a), null));
        }
        candidates = List.copyOf(cs);
    }

    public LoggedBanditConfig config() {
        return config;
    }

    /** One logged decision and its reward rows (none, one, or a repeated delivery). */
    public record Logged(Object[] decision, List<Object[]> rewards, Corruption decisionCorruption,
                         Corruption rewardCorruption) {
    }

    public Logged row(long i, boolean textFormat) {
        return generate(i, textFormat, true);
    }

    private Logged generate(long row, boolean textFormat, boolean withCorruption) {
        long i = row + firstRow;
        SplittableRandom r = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + i);
        double[] x = new double[config.features()];
        for (int j = 0; j < x.length; j++) {
            x[j] = Math.round(gaussian(r) * 1e6) / 1e6;
        }
        int label = argmax(truth, x);
        double[] probs = policy(x);
        int action = sample(probs, r.nextDouble());
        String id = "sim-" + config.seed() + "-" + i;
        Instant t = config.start().plus(Math.round(row * 1e6 / config.decisionsPerSecond()), ChronoUnit.MICROS);
        String logger = model == null ? "logging-" + config.policy() : "logging-model";
        Object[] decision = Tables.DECISIONS.row("event_id", id, "timestamp", t, "model_id", logger, "user_id",
                "user-" + (i % 1000), "context", x, "actions", candidates, "action", String.valueOf(action),
                "action_prob", probs[action], "sample_prob", r.nextDouble(), "action_probs", probs);
        List<Object[]> rewards = new ArrayList<>();
        double reward = action == label ? 1.0 : 0.0;
        if (r.nextDouble() >= config.missingRewardFraction()) {
            long delay = Math.round(-Math.log(1 - r.nextDouble()) * config.rewardDelayMeanSeconds() * 1e6);
            rewards.add(Tables.REWARDS.row("event_id", id, "timestamp", t.plus(delay, ChronoUnit.MICROS), "reward",
                    reward));
            if (r.nextDouble() < config.duplicateRewardFraction()) {
                rewards.add(Tables.REWARDS.row("event_id", id, "timestamp", t.plus(delay + 1_000_000,
                        ChronoUnit.MICROS), "reward", reward));
            }
        }
        if (!withCorruption) {
            return new Logged(decision, rewards, Corruption.NONE, Corruption.NONE);
        }
        Corruption dc = corruption(r, textFormat);
        Corruption rc = rewards.isEmpty() ? Corruption.NONE : corruption(r, textFormat);
        corrupt(decision, dc, true);
        if (!rewards.isEmpty()) {
            corrupt(rewards.get(0), rc, false);
        }
        return new Logged(decision, rewards, dc, rc);
    }

    /** The logging policy's distribution over the arms for a context. */
    public double[] policy(double[] x) {
        int k = config.actions();
        double[] p = new double[k];
        if (model != null) {
            double[] m = model.decide(x, candidates, new SplittableRandom(0)).probabilities();
            for (int a = 0; a < k; a++) {
                p[a] = config.epsilon() / k + (1 - config.epsilon()) * m[a];
            }
            return p;
        }
        if (config.policy().equals("uniform")) {
            java.util.Arrays.fill(p, 1.0 / k);
        } else {
            java.util.Arrays.fill(p, config.epsilon() / k);
            p[argmax(logger, x)] += 1 - config.epsilon();
        }
        return p;
    }

    /**
     * What {@code target} (a simulator of the same problem, logging with another policy) would have decided for
     * row i: a decisions row with its full distribution, and the chance it picks the true class, which is its
     * expected reward on that row.
     */
    public record TargetDecision(Object[] decision, double expectedReward) {
    }

    public TargetDecision targetDecision(long i, LoggedBanditSimulator target) {
        Object[] logged = generate(i, false, false).decision();
        double[] x = (double[]) logged[4];
        double[] probs = target.policy(x);
        int best = 0;
        for (int a = 1; a < probs.length; a++) {
            if (probs[a] > probs[best]) {
                best = a;
            }
        }
        Object[] d = logged.clone();
        d[2] = "target-" + target.config().policy() + "-" + target.config().epsilon();
        d[Tables.DECISIONS.indexOf("action")] = String.valueOf(best);
        d[Tables.DECISIONS.indexOf("action_prob")] = probs[best];
        d[Tables.DECISIONS.indexOf("action_probs")] = probs;
        return new TargetDecision(d, probs[label(x)]);
    }

    /** The true class of a context: the arm with reward 1. */
    public int label(double[] x) {
        return argmax(truth, x);
    }

    private Corruption corruption(SplittableRandom r, boolean textFormat) {
        if (r.nextDouble() >= config.malformedFraction()) {
            return Corruption.NONE;
        }
        Corruption[] kinds = Corruption.values();
        int n = textFormat ? kinds.length - 1 : kinds.length - 3;
        return kinds[1 + r.nextInt(n)];
    }

    private static void corrupt(Object[] row, Corruption c, boolean decision) {
        switch (c) {
            case MISSING_ID -> row[0] = null;
            case PROBABILITY_ABOVE_ONE -> {
                if (decision) {
                    row[Tables.DECISIONS.indexOf("action_prob")] = 1.5;
                } else {
                    row[2] = Double.NaN;
                }
            }
            case NAN_VALUE -> {
                if (decision) {
                    ((double[]) row[4])[0] = Double.NaN;
                } else {
                    row[2] = Double.NaN;
                }
            }
            case WRONG_VECTOR_LENGTH -> {
                if (decision) {
                    row[4] = java.util.Arrays.copyOf((double[]) row[4], ((double[]) row[4]).length + 1);
                } else {
                    row[0] = null;
                }
            }
            default -> {
                // text-level corruptions are applied to the encoded line by mangle()
            }
        }
    }

    /** Applies a text-level corruption to an encoded line. */
    public static String mangle(String line, Corruption c) {
        return switch (c) {
            case TRUNCATED_LINE -> line.substring(0, line.length() / 2);
            case WRONG_TYPE -> line.startsWith("{")
                    ? line.replaceFirst("\"timestamp\":\"[^\"]*\"", "\"timestamp\":true")
                    : line.replaceFirst("\\d{4}-\\d{2}-\\d{2}T[^,]*Z", "yesterday");
            default -> line;
        };
    }

    private static int argmax(double[][] w, double[] x) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < w.length; a++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += w[a][j] * x[j];
            }
            if (s > bestScore) {
                bestScore = s;
                best = a;
            }
        }
        return best;
    }

    static int sample(double[] probs, double u) {
        double c = 0;
        for (int a = 0; a < probs.length; a++) {
            c += probs[a];
            if (u < c) {
                return a;
            }
        }
        return probs.length - 1;
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
