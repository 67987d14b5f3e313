package io.rewind.rl.sim;

import java.io.Serializable;
import java.time.Instant;

/**
 * How {@link LoggedBanditSimulator} logs a classification-to-bandit problem: sizes, the logging policy, and the
 * ways production logs go wrong (delayed, missing and repeated rewards, malformed rows).
 *
 * @param rows decisions to log
 * @param features context dimension
 * @param actions classes, one arm each
 * @param policy {@code uniform} or {@code epsilon-greedy} (greedy on a fixed, imperfect linear classifier)
 * @param decisionsPerSecond spacing of decision timestamps from {@code start}
 * @param rewardDelayMeanSeconds mean of the exponential delay between a decision and its reward
 * @param missingRewardFraction share of decisions whose reward never arrives
 * @param duplicateRewardFraction share of rewards delivered twice
 * @param malformedFraction share of rows (of each table) that are corrupted
 */
public record LoggedBanditConfig(long rows, int features, int actions, long seed, String policy, double epsilon,
                                 Instant start, double decisionsPerSecond, double rewardDelayMeanSeconds,
                                 double missingRewardFraction, double duplicateRewardFraction,
                                 double malformedFraction) implements Serializable {
    public LoggedBanditConfig {
        if (rows < 0 || features < 1 || actions < 2) {
            throw new IllegalArgumentException("need rows >= 0, features >= 1 and actions >= 2");
        }
        if (!policy.equals("uniform") && !policy.equals("epsilon-greedy")) {
            throw new IllegalArgumentException("unknown logging policy '" + policy
                    + "', expected uniform or epsilon-greedy");
        }
        if (!(epsilon > 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("epsilon must be in (0, 1]: " + epsilon);
        }
        for (double share : new double[] {missingRewardFraction, duplicateRewardFraction, malformedFraction}) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("fractions must be in [0, 1]: " + share);
            }
        }
        if (!(decisionsPerSecond > 0) || !(rewardDelayMeanSeconds >= 0)) {
            throw new IllegalArgumentException("decisions per second must be > 0 and reward delay >= 0");
        }
    }

    /** The same problem and classifier, logged by epsilon-greedy with another epsilon (a target policy to evaluate). */
    public LoggedBanditConfig withEpsilonGreedy(double otherEpsilon) {
        return new LoggedBanditConfig(rows, features, actions, seed, "epsilon-greedy", otherEpsilon, start,
                decisionsPerSecond, rewardDelayMeanSeconds, missingRewardFraction, duplicateRewardFraction,
                malformedFraction);
    }
}
