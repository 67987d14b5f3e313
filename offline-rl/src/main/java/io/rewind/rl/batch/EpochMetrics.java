package io.rewind.rl.batch;

/**
 * One epoch of batch-RL training: the losses, the off-policy estimates of the policy on the held-out episodes
 * (per-decision IS, weighted IS, sequential DR), and the simulated mean return when a simulator was given (NaN
 * otherwise); {@code seconds} is the training time so far (gradient steps only, not the evaluations).
 */
public record EpochMetrics(int epoch, double tdLoss, double imitationLoss, double pdis, double wis, double sdr,
                           double simulatedReturn, double seconds) {
    public static final String CSV_HEADER = "epoch,td_loss,imitation_loss,pdis,wis,sdr,simulated_return,seconds";

    public String csv() {
        return String.format(java.util.Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6f,%s,%.2f", epoch, tdLoss,
                imitationLoss, pdis, wis, sdr, Double.isNaN(simulatedReturn) ? "" : String.format(
                        java.util.Locale.ROOT, "%.3f", simulatedReturn), seconds);
    }
}
