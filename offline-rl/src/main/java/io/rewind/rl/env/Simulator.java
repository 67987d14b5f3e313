package io.rewind.rl.env;

import java.util.Arrays;
import java.util.OptionalDouble;

/** The simulators {@code rewind simulate-rl}, {@code train-rl --simulate-episodes} and {@code evaluate-rl} run. */
public enum Simulator {
    /** CartPole: logged without a step limit (Gym's unwrapped environment, as the seed), evaluated as v0 (200). */
    CARTPOLE("cartpole", 20, true) {
        @Override
        public Environment forLogging() {
            return new CartPole(Integer.MAX_VALUE);
        }

        @Override
        public Environment forEvaluation() {
            return new CartPole();
        }
    },
    /** {@link LatentMdp}: 50-dimensional observations, 10 actions, a known optimum. */
    LATENT_MDP("latent-mdp", 2, false) {
        @Override
        public Environment forLogging() {
            return new LatentMdp();
        }

        @Override
        public Environment forEvaluation() {
            return new LatentMdp();
        }

        @Override
        public OptionalDouble optimalReturn() {
            return OptionalDouble.of(LatentMdp.optimalReturn());
        }
    };

    private final String cliName;
    private final int returnBucket;
    private final boolean wholeReturns;

    Simulator(String cliName, int returnBucket, boolean wholeReturns) {
        this.cliName = cliName;
        this.returnBucket = returnBucket;
        this.wholeReturns = wholeReturns;
    }

    public abstract Environment forLogging();

    public abstract Environment forEvaluation();

    /** The expected return of the best policy, where the simulator knows it. */
    public OptionalDouble optimalReturn() {
        return OptionalDouble.empty();
    }

    /** The width of evaluate-rl's histogram buckets of returns. */
    public int returnBucket() {
        return returnBucket;
    }

    /** Bucket b's name: {@code returns_001_020} for whole returns 1 to 20, {@code returns_000_002} for (0, 2]. */
    public String bucketName(int b) {
        return String.format("returns_%03d_%03d", b * returnBucket + (wholeReturns ? 1 : 0), (b + 1) * returnBucket);
    }

    public String cliName() {
        return cliName;
    }

    public static Simulator parse(String name) {
        return Arrays.stream(values()).filter(s -> s.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown environment '" + name + "', expected one of "
                        + String.join(", ", Arrays.stream(values()).map(Simulator::cliName).toList())));
    }
}
