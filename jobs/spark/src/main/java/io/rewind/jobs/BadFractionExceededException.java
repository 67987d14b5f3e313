package io.rewind.jobs;

/** The share of quarantined rows passed {@code --max-bad-fraction}: the job fails loudly. */
public class BadFractionExceededException extends RuntimeException {
    private final JobSummary summary;

    public BadFractionExceededException(String message, JobSummary summary) {
        super(message);
        this.summary = summary;
    }

    public JobSummary summary() {
        return summary;
    }

    /** Throws when {@code bad / total} is over {@code max}. */
    public static void check(String job, long bad, long total, double max, String quarantinePath,
                             JobSummary summary) {
        double share = total == 0 ? 0 : bad / (double) total;
        if (share > max) {
            throw new BadFractionExceededException(String.format(
                    "%s: %.2f%% of the input rows were quarantined (%d of %d), over --max-bad-fraction %s;"
                            + " the rows and their reasons are in %s", job, 100 * share, bad, total, max,
                    quarantinePath), summary);
        }
    }

    /**
     * Throws when {@code bad / total} is over {@code max}, for jobs that count unusable rows without writing them
     * anywhere (an evaluation): {@code why} says what made them unusable.
     */
    public static void checkUnusable(String job, long bad, long total, double max, String why, JobSummary summary) {
        double share = total == 0 ? 0 : bad / (double) total;
        if (share > max) {
            throw new BadFractionExceededException(String.format(
                    "%s: %.2f%% of the input rows were unusable (%d of %d), over --max-bad-fraction %s: %s", job,
                    100 * share, bad, total, max, why), summary);
        }
    }
}
