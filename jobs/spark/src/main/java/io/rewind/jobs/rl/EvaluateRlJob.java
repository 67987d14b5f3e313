package io.rewind.jobs.rl;

import io.rewind.jobs.JobSummary;
import io.rewind.rl.batch.CartPoleRollout;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.RlPolicy;
import java.nio.file.Path;
import java.util.Arrays;

/** {@code rewind evaluate-rl}: returns of a saved policy (greedy over BCQ's allowed actions) in the simulator. */
public final class EvaluateRlJob {
    private EvaluateRlJob() {
    }

    public record Result(double[] returns, double mean, double sd, int[] histogram) {
    }

    /** Returns in CartPole-v0; the histogram counts returns in buckets of 20 (1-20, 21-40, ..., 181-200). */
    public static Result run(String env, String policy, int episodes, long seed) {
        if (!env.equals("cartpole")) {
            throw new IllegalArgumentException("unknown environment '" + env + "', expected cartpole");
        }
        try (DdqnBcq learner = RlPolicy.load(Path.of(policy))) {
            double[] g = CartPoleRollout.returns(learner::act, episodes, seed);
            int[] histogram = new int[10];
            for (double v : g) {
                histogram[Math.min(9, Math.max(0, (int) Math.ceil(v / 20) - 1))]++;
            }
            return new Result(g, CartPoleRollout.mean(g), CartPoleRollout.sd(g), histogram);
        }
    }

    public static JobSummary summary(Result r, String policy, int episodes) {
        JobSummary s = new JobSummary("evaluate-rl").put("policy", policy).put("episodes", episodes)
                .put("mean_return", Math.round(r.mean() * 100) / 100.0).put("sd_return", Math.round(r.sd() * 100)
                        / 100.0).put("min_return", Arrays.stream(r.returns()).min().orElse(0))
                .put("max_return", Arrays.stream(r.returns()).max().orElse(0));
        for (int b = 0; b < r.histogram().length; b++) {
            s.put(String.format("returns_%03d_%03d", b * 20 + 1, b * 20 + 20), r.histogram()[b]);
        }
        return s;
    }
}
