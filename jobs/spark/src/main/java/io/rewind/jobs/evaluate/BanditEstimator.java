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
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;

/** The bandit estimators {@code evaluate bandit} offers, by their command-line names. */
public enum BanditEstimator {
    IPS("ips", false, p -> new Ips(p.clip())),
    SNIPS("snips", false, p -> new Snips()),
    DM("dm", true, p -> new DirectMethod()),
    DR("dr", true, p -> new DoublyRobust()),
    SNDR("sndr", true, p -> new SelfNormalizedDoublyRobust()),
    SWITCH_DR("switch-dr", true, p -> new SwitchDoublyRobust(p.tau())),
    DROS("dros", true, p -> new DoublyRobustShrinkage(p.lambda()));

    private final String cliName;
    private final boolean needsRewardModel;
    private final Function<BanditEstimation, Estimator<BanditSample>> factory;

    BanditEstimator(String cliName, boolean needsRewardModel,
                    Function<BanditEstimation, Estimator<BanditSample>> factory) {
        this.cliName = cliName;
        this.needsRewardModel = needsRewardModel;
        this.factory = factory;
    }

    public String cliName() {
        return cliName;
    }

    /** Whether the estimate uses the cross-fitted reward model q̂(x, a). */
    public boolean needsRewardModel() {
        return needsRewardModel;
    }

    /** The estimator with the thresholds of {@code p} (clip, tau, lambda). */
    public Estimator<BanditSample> create(BanditEstimation p) {
        return factory.apply(p);
    }

    /** The name the estimator reports, as in {@code Estimate.estimator()}. */
    public String reportedName(BanditEstimation p) {
        return create(p).name();
    }

    public static BanditEstimator parse(String name) {
        String n = name.toLowerCase(Locale.ROOT).trim();
        return Arrays.stream(values()).filter(e -> e.cliName.equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown estimator '" + name + "', expected one of "
                        + String.join(", ", Arrays.stream(values()).map(BanditEstimator::cliName).toList())));
    }

    @Override
    public String toString() {
        return cliName;
    }

    /** For picocli. */
    public static final class Converter implements ITypeConverter<BanditEstimator> {
        @Override
        public BanditEstimator convert(String value) {
            return parse(value);
        }
    }
}
