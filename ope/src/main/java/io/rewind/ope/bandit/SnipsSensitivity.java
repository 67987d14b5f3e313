package io.rewind.ope.bandit;

import java.io.Serializable;
import java.util.function.UnaryOperator;

/**
 * How far SNIPS can move when the propensities were fitted, not logged. Under the marginal sensitivity model (Tan
 * 2006) a row's true odds π/(1 − π) are within a factor Γ of the fitted π̂/(1 − π̂), so
 * 1/π ∈ [1 + (1/π̂ − 1)/Γ, 1 + Γ(1/π̂ − 1)] and the weight π_e/π lies in a box; logged propensities keep their
 * weight. Over the box, Σ w r / Σ w is largest with the upper weights on the rewards above that largest value and the
 * lower weights on the rest, and smallest the other way round (Kallus &amp; Zhou 2018, "Confounding-robust policy
 * improvement"; Zhao, Small &amp; Bhattacharya 2019). Dinkelbach's iteration (1967) finds both: from any value, the
 * threshold rule's ratio is the next value, and the values stop moving after finitely many steps. Each step is one
 * {@link Pass} over the rows, in the update / merge shape, so a cluster runs it as an aggregation.
 */
public final class SnipsSensitivity {
    private static final int MAX_STEPS = 100;

    private SnipsSensitivity() {
    }

    /** SNIPS's smallest and largest value when every fitted propensity's odds may be off by up to {@code gamma}. */
    public record Bounds(double gamma, double lower, double upper, int steps) {
        public boolean contains(double v) {
            return v >= lower && v <= upper;
        }
    }

    /** The weight π_e/π at the lower end of the box (the largest propensity the model allows). */
    public static double lowerWeight(double target, double propensity, boolean fitted, double gamma) {
        return fitted ? target * (1 + (1 / propensity - 1) / gamma) : target / propensity;
    }

    /** The weight π_e/π at the upper end of the box (the smallest propensity the model allows). */
    public static double upperWeight(double target, double propensity, boolean fitted, double gamma) {
        return fitted ? target * (1 + gamma * (1 / propensity - 1)) : target / propensity;
    }

    /**
     * The sums of one Dinkelbach step for both bounds: the largest value's numerator and denominator with the upper
     * weights on rewards above {@code upperAt}, the smallest's with the upper weights on rewards below
     * {@code lowerAt}.
     */
    public static final class Pass implements Serializable {
        private final double gamma;
        private final double lowerAt;
        private final double upperAt;
        private double lowerNum;
        private double lowerDen;
        private double upperNum;
        private double upperDen;

        public Pass(double gamma, double lowerAt, double upperAt) {
            this.gamma = gamma;
            this.lowerAt = lowerAt;
            this.upperAt = upperAt;
        }

        public Pass add(double reward, double target, double propensity, boolean fitted) {
            double lo = lowerWeight(target, propensity, fitted, gamma);
            double hi = upperWeight(target, propensity, fitted, gamma);
            double wUpper = reward > upperAt ? hi : lo;
            double wLower = reward < lowerAt ? hi : lo;
            upperNum += wUpper * reward;
            upperDen += wUpper;
            lowerNum += wLower * reward;
            lowerDen += wLower;
            return this;
        }

        public Pass merge(Pass o) {
            lowerNum += o.lowerNum;
            lowerDen += o.lowerDen;
            upperNum += o.upperNum;
            upperDen += o.upperDen;
            return this;
        }
    }

    /**
     * Iterates from {@code start} (SNIPS itself, say) until neither bound moves; {@code pass} runs one {@link Pass}
     * over every row and returns it merged.
     */
    public static Bounds solve(double gamma, double start, UnaryOperator<Pass> pass) {
        if (!(gamma >= 1)) {
            throw new IllegalArgumentException("the sensitivity Γ must be 1 or more: " + gamma);
        }
        double lower = start;
        double upper = start;
        for (int step = 1; step <= MAX_STEPS; step++) {
            Pass p = pass.apply(new Pass(gamma, lower, upper));
            if (p.upperDen <= 0 || p.lowerDen <= 0) {
                return new Bounds(gamma, Double.NaN, Double.NaN, step);
            }
            double nextLower = p.lowerNum / p.lowerDen;
            double nextUpper = p.upperNum / p.upperDen;
            boolean settled = step > 1 && nextLower >= lower && nextUpper <= upper;
            lower = step > 1 ? Math.min(lower, nextLower) : nextLower;
            upper = step > 1 ? Math.max(upper, nextUpper) : nextUpper;
            if (settled) {
                return new Bounds(gamma, lower, upper, step);
            }
        }
        return new Bounds(gamma, lower, upper, MAX_STEPS);
    }

    /** The bounds of rows held in memory. */
    public static Bounds of(double gamma, double start, double[] reward, double[] target, double[] propensity,
                            boolean[] fitted) {
        return solve(gamma, start, p -> {
            for (int i = 0; i < reward.length; i++) {
                p.add(reward[i], target[i], propensity[i], fitted[i]);
            }
            return p;
        });
    }
}
