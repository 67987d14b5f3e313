package io.rewind.jobs.rl;

import io.rewind.jobs.JobSummary;
import io.rewind.rl.batch.Rollout;
import io.rewind.rl.env.Simulator;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.RlPolicy;
import java.nio.file.Path;
import java.util.Arrays;

/** {@code rewind evaluate-rl}: returns of a saved policy (greedy over BCQ's allowed actions) in the simulator. */
public final class EvaluateRlJob {
    private EvaluateRlJob() {
    }

    /** The returns, their mean, sd and histogram (ten buckets of the simulator's width, the first and last open). */
    public record Result(Simulator simulator, double[] returns, double mean, double sd, int[] histogram) {
    }

    /** Returns in the simulator as evaluated (CartPole-v0: buckets 1-20, 21-40, ..., 181-200). */
    public static Result run(Simulator simulator, String policy, int episodes, long seed) {
        try (DdqnBcq learner = RlPolicy.load(Path.of(policy))) {
            double[] g = Rollout.returns(simulator, learner::act, episodes, seed);
            int w = simulator.returnBucket();
            int[] histogram = new int[10];
            for (double v : g) {
                histogram[Math.min(9, Math.max(0, (int) Math.ceil(v / w) - 1))]++;
            }
            return new Result(simulator, g, Rollout.mean(g), Rollout.sd(g), histogram);
        }
    }

    public static JobSummary summary(Result r, String policy, int episodes) {
        JobSummary s = new JobSummary("evaluate-rl").put("environment", r.simulator().cliName())
                .put("policy", policy).put("episodes", episodes)
                .put("mean_return", Math.round(r.mean() * 100) / 100.0).put("sd_return", Math.round(r.sd() * 100)
                        / 100.0).put("min_return", Arrays.stream(r.returns()).min().orElse(0))
                .put("max_return", Arrays.stream(r.returns()).max().orElse(0));
        r.simulator().optimalReturn().ifPresent(v -> s.put("optimal_mean_return", JobSummary.round(v, 4)));
        for (int b = 0; b < r.histogram().length; b++) {
            s.put(r.simulator().bucketName(b), r.histogram()[b]);
        }
        return s;
    }
}
