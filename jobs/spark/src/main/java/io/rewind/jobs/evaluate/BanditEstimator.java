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
import io.rewind.ope.embedding.EmbeddingSample;
import io.rewind.ope.embedding.Mips;
import io.rewind.ope.embedding.SelfNormalizedMips;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;

/** The bandit estimators {@code evaluate bandit} offers, by their command-line names. */
public enum BanditEstimator {
    IPS("ips", false, p -> new Ips(p.clip())),
    SNIPS("snips", false, p -> new Snips()),
    DM("dm", true, p -> new DirectMethod()),
    DR("dr", true, p -> new DoublyRobust()),
    SNDR("sndr", true, p -> new SelfNormalizedDoublyRobust()),
    SWITCH_DR("switch-dr", true, p -> new SwitchDoublyRobust(p.tau())),
    DROS("dros", true, p -> new DoublyRobustShrinkage(p.lambda())),
    /** On the candidates' embeddings (their features): needs every decision's action_probs. */
    MIPS("mips", Mips::new),
    SNMIPS("snmips", SelfNormalizedMips::new);

    private final String cliName;
    private final boolean needsRewardModel;
    private final Function<BanditEstimation, Estimator<BanditSample>> factory;
    private final Supplier<Estimator<EmbeddingSample>> onEmbeddings;

    BanditEstimator(String cliName, boolean needsRewardModel,
                    Function<BanditEstimation, Estimator<BanditSample>> factory) {
        this.cliName = cliName;
        this.needsRewardModel = needsRewardModel;
        this.factory = factory;
        this.onEmbeddings = null;
    }

    BanditEstimator(String cliName, Supplier<Estimator<EmbeddingSample>> onEmbeddings) {
        this.cliName = cliName;
        this.needsRewardModel = false;
        this.factory = null;
        this.onEmbeddings = onEmbeddings;
    }

    /** Whether it weighs the chosen action's embedding, not the action ({@link #createOnEmbeddings}). */
    public boolean onEmbeddings() {
        return onEmbeddings != null;
    }

    /** The estimator of a marginalized (embedding) kind. */
    public Estimator<EmbeddingSample> createOnEmbeddings() {
        if (onEmbeddings == null) {
            throw new IllegalStateException(cliName + " weighs actions, not embeddings");
        }
        return onEmbeddings.get();
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
        if (factory == null) {
            throw new IllegalStateException(cliName + " weighs embeddings, not actions");
        }
        return factory.apply(p);
    }

    /** The name the estimator reports, as in {@code Estimate.estimator()}. */
    public String reportedName(BanditEstimation p) {
        return onEmbeddings() ? createOnEmbeddings().name() : create(p).name();
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
