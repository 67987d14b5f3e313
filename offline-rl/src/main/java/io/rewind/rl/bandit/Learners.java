package io.rewind.rl.bandit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Learners by their command-line names. A spec is a name, optionally followed by parameters:
 * {@code regcb-opt:mellowness=0.01}, {@code bag:bags=8:lambda=0.5}, {@code epsilon-greedy:epsilon=0.1}.
 */
public final class Learners {
    public static final String NAMES =
            "epsilon-greedy, greedy, softmax, linucb, thompson, squarecb, bag, cover, regcb-opt";

    private Learners() {
    }

    /** Each learner's parameters with their defaults (lambda, the ridge penalty, applies to all). */
    static Map<String, Double> defaults(String kind) {
        Map<String, Double> d = new LinkedHashMap<>();
        switch (kind) {
            case "epsilon-greedy" -> d.put("epsilon", 0.05);
            case "greedy" -> d.put("epsilon", 0.0);
            case "softmax" -> d.put("inverse_temperature", 20.0);
            case "linucb" -> d.put("alpha", 0.5);
            case "thompson" -> {
                d.put("v", 0.3);
                d.put("draws", 50.0);
            }
            case "squarecb" -> {
                d.put("gamma_scale", 10.0);
                d.put("gamma_exponent", 0.5);
                d.put("rounds", 0.0);
            }
            case "bag" -> d.put("bags", 5.0);
            case "cover" -> {
                d.put("policies", 4.0);
                d.put("psi", 0.1);
                d.put("rounds", 0.0);
            }
            case "regcb-opt" -> {
                d.put("mellowness", 0.1);
                d.put("reward_min", 0.0);
                d.put("reward_max", 1.0);
                d.put("rounds", 0.0);
            }
            default -> throw new IllegalArgumentException("unknown learner '" + kind + "', expected one of " + NAMES);
        }
        return d;
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
        Map<String, Double> p = defaults(kind);
        p.putAll(given);
        return switch (kind) {
            case "epsilon-greedy", "greedy" -> new EpsilonGreedy(f, p.get("epsilon"), lambda);
            case "softmax" -> new Softmax(f, p.get("inverse_temperature"), lambda);
            case "linucb" -> new LinUcb(f, p.get("alpha"), lambda);
            case "thompson" -> new LinearThompson(f, p.get("v"), lambda, p.get("draws").intValue());
            case "squarecb" -> new SquareCb(f, p.get("gamma_scale"), p.get("gamma_exponent"), lambda,
                    p.get("rounds").longValue());
            case "bag" -> new Bagging(f, p.get("bags").intValue(), lambda, seed);
            case "cover" -> new Cover(f, p.get("policies").intValue(), p.get("psi"), lambda,
                    p.get("rounds").longValue());
            case "regcb-opt" -> new RegCbOpt(f, p.get("mellowness"), p.get("reward_min"), p.get("reward_max"),
                    lambda, p.get("rounds").longValue());
            default -> throw new IllegalArgumentException("unknown learner '" + kind + "', expected one of " + NAMES);
        };
    }

    /** The command-line name of a learner's kind. */
    public static String kind(LinearLearner l) {
        if (l instanceof EpsilonGreedy) {
            return "epsilon-greedy";
        }
        if (l instanceof Softmax) {
            return "softmax";
        }
        if (l instanceof LinUcb) {
            return "linucb";
        }
        if (l instanceof LinearThompson) {
            return "thompson";
        }
        if (l instanceof SquareCb) {
            return "squarecb";
        }
        if (l instanceof Bagging) {
            return "bag";
        }
        if (l instanceof Cover) {
            return "cover";
        }
        if (l instanceof RegCbOpt) {
            return "regcb-opt";
        }
        throw new IllegalArgumentException("no model format for " + l.name());
    }
}
