package io.rewind.jobs.evaluate;

import io.rewind.ope.Estimator;
import io.rewind.ope.bandit.BanditSample;
import io.rewind.ope.bandit.DirectMethod;
import io.rewind.ope.bandit.DoublyRobust;
import io.rewind.ope.bandit.DoublyRobustShrinkage;
import io.rewind.ope.bandit.Ips;
import io.rewind.ope.bandit.SelfNormalizedDoublyRobust;
import io.rewind.ope.bandit.Snips;
import io.rewind.ope.bandit.SwitchDoublyRobust;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Bandit estimators by their command-line names. */
public final class Estimators {
    public static final List<String> NAMES = List.of("ips", "snips", "dm", "dr", "sndr", "switch-dr", "dros");

    private Estimators() {
    }

    public static List<Estimator<BanditSample>> parse(List<String> names, double clip, double tau, double lambda) {
        List<Estimator<BanditSample>> out = new ArrayList<>();
        for (String n : names) {
            out.add(switch (n.toLowerCase(Locale.ROOT).trim()) {
                case "ips" -> new Ips(clip);
                case "snips" -> new Snips();
                case "dm" -> new DirectMethod();
                case "dr" -> new DoublyRobust();
                case "sndr" -> new SelfNormalizedDoublyRobust();
                case "switch-dr" -> new SwitchDoublyRobust(tau);
                case "dros" -> new DoublyRobustShrinkage(lambda);
                default -> throw new IllegalArgumentException("unknown estimator '" + n + "', expected one of "
                        + String.join(", ", NAMES));
            });
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no estimators given");
        }
        return out;
    }

    /** Whether any of these needs the reward model. */
    public static boolean needRewardModel(List<String> names) {
        return names.stream().anyMatch(n -> !n.equalsIgnoreCase("ips") && !n.equalsIgnoreCase("snips"));
    }
}
