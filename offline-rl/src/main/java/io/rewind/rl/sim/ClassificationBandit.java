package io.rewind.rl.sim;

import io.rewind.formats.Candidate;
import io.rewind.rl.bandit.BanditDecision;
import io.rewind.rl.bandit.BanditLearner;
import io.rewind.rl.bandit.FeatureMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A classification data set as a bandit: each row is a context, each class an arm, the reward is 1 when the chosen
 * arm is the row's class. Reads whitespace- or comma-separated numeric files with the label in the last column
 * (Statlog Shuttle's {@code shuttle.trn} as it is). Following the SageMaker example: classes with a share below
 * {@code minShare} are dropped and each feature is z-scored with the population standard deviation (0 becomes 1).
 */
public final class ClassificationBandit {
    private final double[][] x;
    private final int[] label;
    private final List<String> classes;

    private static List<String> lines(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readAllLines(file);
        }
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                Files.newInputStream(file)), java.nio.charset.StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }

    private ClassificationBandit(double[][] x, int[] label, List<String> classes) {
        this.x = x;
        this.label = label;
        this.classes = classes;
    }

    /** Reads a numeric file, label last (gzip-compressed when its name ends in {@code .gz}). */
    public static ClassificationBandit read(Path file, double minShare) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines(file)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.trim().split("[\\s,]+");
            double[] row = new double[cells.length - 1];
            try {
                for (int j = 0; j < row.length; j++) {
                    row[j] = Double.parseDouble(cells[j]);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + lineNo + ": not a number: " + e.getMessage());
            }
            rows.add(row);
            labels.add(cells[cells.length - 1]);
        }
        Map<String, Integer> counts = new HashMap<>();
        labels.forEach(l -> counts.merge(l, 1, Integer::sum));
        List<String> kept = counts.keySet().stream().filter(c -> counts.get(c) >= minShare * labels.size())
                .sorted().toList();
        List<double[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int c = kept.indexOf(labels.get(i));
            if (c >= 0) {
                xs.add(rows.get(i));
                ys.add(c);
            }
        }
        double[][] x = xs.toArray(new double[0][]);
        int d = x[0].length;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] r : x) {
                mean += r[j] / x.length;
            }
            double var = 0;
            for (double[] r : x) {
                var += (r[j] - mean) * (r[j] - mean) / x.length;
            }
            double sd = var == 0 ? 1 : Math.sqrt(var);
            for (double[] r : x) {
                r[j] = (r[j] - mean) / sd;
            }
        }
        return new ClassificationBandit(x, ys.stream().mapToInt(Integer::intValue).toArray(), kept);
    }

    public int size() {
        return x.length;
    }

    public int dim() {
        return x[0].length;
    }

    public List<String> classes() {
        return classes;
    }

    /** The arms, one candidate per class, without features. */
    public List<Candidate> candidates() {
        return classes.stream().map(c -> new Candidate(c, null)).toList();
    }

    public double[] context(int row) {
        return x[row];
    }

    public double reward(int row, int arm) {
        return label[row] == arm ? 1 : 0;
    }

    /** The row order of one pass: file order, or a fixed shuffle for a seed. */
    public int[] order(Long shuffleSeed) {
        int[] o = new int[x.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = i;
        }
        if (shuffleSeed != null) {
            SplittableRandom r = new SplittableRandom(shuffleSeed);
            for (int i = o.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = o[i];
                o[i] = o[j];
                o[j] = t;
            }
        }
        return o;
    }

    /**
     * The features every learner uses here: a per-arm block for each class over the context and its pairwise
     * products (VW's {@code -q} on the shared features), 385 model features for Statlog.
     */
    public FeatureMap features() {
        return new FeatureMap(dim(), 0, classes, 0).withQuadratic(true);
    }

    /**
     * One pass as an online bandit: decide on each row, then learn its reward; returns the progressive mean reward
     * (the mean reward of the decisions made while learning). Rows in file order, or shuffled for a seed.
     */
    public double progressiveReward(BanditLearner learner, Long shuffleSeed, SplittableRandom rng) {
        List<Candidate> arms = candidates();
        double total = 0;
        for (int row : order(shuffleSeed)) {
            BanditDecision d = learner.decide(x[row], arms, rng);
            double r = reward(row, d.chosen());
            learner.learn(x[row], arms, d.chosen(), r, d.chosenProbability());
            total += r;
        }
        return total / x.length;
    }

    /** The share of the most common class: what always choosing it earns. */
    public double majorityShare() {
        int[] c = new int[classes.size()];
        for (int l : label) {
            c[l]++;
        }
        return java.util.Arrays.stream(c).max().orElse(0) / (double) label.length;
    }
}
