package io.rewind.jobs.evaluate;

/**
 * Where an evaluation writes its JSON report and PNG chart (any Hadoop path; null: not written), and a true value to
 * show beside the estimates when one is known (a simulation's: {@code rewind simulate}'s
 * {@code target_true_value}); null when it is not.
 */
public record ReportOutputs(String report, String chart, Double trueValue) {
    public static final ReportOutputs NONE = new ReportOutputs(null, null);

    public ReportOutputs(String report, String chart) {
        this(report, chart, null);
    }

    public ReportOutputs withTrueValue(Double v) {
        return new ReportOutputs(report, chart, v);
    }
}
