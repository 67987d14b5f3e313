package io.rewind.rl.bandit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Learners by their command-line names. A spec is a name, optionally followed by parameters:
 * {@code regcb-opt:mellowness=0.01}, {@code bag:bags=8:lambda=0.5}, {@code epsilon-greedy:epsilon=0.1}.
 */
public final class Learners {
    /** Every registered kind, in registration order. */
    public static final List<LearnerKind<?>> KINDS = load();
    public static final String NAMES = String.join(", ", KINDS.stream().map(LearnerKind::name).toList());

    private Learners() {
    }

    private static List<LearnerKind<?>> load() {
        List<LearnerKind<?>> kinds = new ArrayList<>();
        for (LearnerKind<?> k : ServiceLoader.load(LearnerKind.class, LearnerKind.class.getClassLoader())) {
            kinds.add(k);
        }
        return List.copyOf(kinds);
    }

    /** The kind with this command-line name. */
    public static LearnerKind<?> kind(String name) {
        return KINDS.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown learner '" + name + "', expected one of " + NAMES));
    }

    /** Each learner's parameters with their defaults (lambda, the ridge penalty, applies to all). */
    static Map<String, Double> defaults(String kind) {
        return LearnerKind.toMap(kind(kind).defaults());
    }

    /** A learner from a spec such as {@code linucb} or {@code regcb-opt:mellowness=0.01}. */
    public static LinearLearner create(String spec, FeatureMap features, long seed) {
        String[] parts = spec.trim().split(":");
        String kind = parts[0].toLowerCase(Locale.ROOT).trim();
        Map<String, Double> p = new LinkedHashMap<>();
        double lambda = 1;
        Reduction reduction = null;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("learner '" + spec + "': expected key=value, got '" + parts[i] + "'");
            }
            String key = kv[0].trim();
            if (key.equals("reduction")) {
                reduction = Reduction.parse(kv[1]);
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("learner '" + spec + "': " + key + " is not a number");
            }
            if (key.equals("lambda")) {
                if (!(value > 0) || Double.isInfinite(value)) {
                    throw new IllegalArgumentException("learner '" + spec + "': lambda must be > 0, got " + value);
                }
                lambda = value;
            } else if (!defaults(kind).containsKey(key)) {
                throw new IllegalArgumentException("learner '" + spec + "': unknown parameter " + key
                        + ", expected one of " + defaults(kind).keySet() + ", lambda or reduction");
            } else {
                p.put(key, value);
            }
        }
        LinearLearner l = build(kind, p, features, lambda, seed);
        return reduction == null ? l : l.withReduction(reduction);
    }

    /** A learner of a kind with the given parameters (missing ones take their defaults). */
    public static LinearLearner build(String kind, Map<String, Double> given, FeatureMap f, double lambda,
                                      long seed) {
        return kind(kind).create(given, f, lambda, seed);
    }

    /** The command-line name of a learner's kind, as its model file records it. */
    public static String kind(LinearLearner l) {
        return KINDS.stream().filter(k -> k.recordsItsLearners() && k.learnerClass() == l.getClass()).findFirst()
                .map(LearnerKind::name)
                .orElseThrow(() -> new IllegalArgumentException("no model format for " + l.name()));
    }
}
