package io.rewind.jobs.evaluate;

/** Where an evaluation writes its JSON report and PNG chart (any Hadoop path; null: not written). */
public record ReportOutputs(String report, String chart) {
    public static final ReportOutputs NONE = new ReportOutputs(null, null);
}
