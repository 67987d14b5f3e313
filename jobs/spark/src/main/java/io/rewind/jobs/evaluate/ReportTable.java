package io.rewind.jobs.evaluate;

import io.rewind.ope.Estimate;
import java.util.List;

/** Every evaluation's report as the table the console prints. */
public final class ReportTable {
    private ReportTable() {
    }

    /** Estimates as a printed table, each name after {@code prefix}. */
    public static String of(String prefix, List<Estimate> estimates) {
        StringBuilder sb = new StringBuilder(header());
        for (Estimate e : estimates) {
            sb.append(line(prefix + e.estimator(), e));
        }
        return sb.toString();
    }

    public static String of(EvaluationReport r) {
        StringBuilder sb = new StringBuilder(header());
        String prefix = r.evaluation() == EvaluationReport.Kind.BANDIT ? "target " : "";
        for (Estimate e : r.target()) {
            sb.append(line(prefix + e.estimator(), e));
        }
        if (r.incumbent() != null) {
            for (Estimate e : r.incumbent()) {
                sb.append(line("incumbent " + e.estimator(), e));
            }
            for (Estimate e : r.difference()) {
                sb.append(line(e.estimator(), e));
            }
        }
        if (r.logged() != null) {
            sb.append(line("logged policy", r.logged()));
        }
        sb.append(String.format("rows in %d, used %d, unusable %d", r.rowsIn(), r.rowsUsed(), r.unusable()));
        if (r.evaluation() != EvaluationReport.Kind.BANDIT) {
            sb.append(String.format("; %d %s", r.samples(),
                    r.evaluation() == EvaluationReport.Kind.EPISODES ? "episodes" : "slates"));
        }
        sb.append('\n');
        if (r.unrewarded() != null) {
            sb.append(r.unrewarded().describe()).append('\n');
        }
        r.notes().forEach(n -> sb.append(n).append('\n'));
        if (r.propensities() != null) {
            sb.append(r.propensities().describe());
        }
        if (r.propensitySensitivity() != null) {
            var b = r.propensitySensitivity();
            sb.append(String.format("propensities: if each fitted propensity's odds are off by up to a factor %.3g,"
                    + " SNIPS lies in [%.5f, %.5f]%n", b.gamma(), b.lower(), b.upper()));
        }
        return sb.toString();
    }

    private static String header() {
        return String.format("%-32s %10s %23s %23s %10s %9s%n", "estimator", "value", "normal interval",
                "bootstrap interval", "ESS", "max w");
    }

    private static String line(String name, Estimate e) {
        return String.format("%-32s %10.5f %23s %23s %10.1f %9.2f%n", name, e.value(),
                String.format("[%.5f, %.5f]", e.normal().lower(), e.normal().upper()),
                e.bootstrap() == null ? "" : String.format("[%.5f, %.5f]", e.bootstrap().lower(),
                        e.bootstrap().upper()), e.effectiveSampleSize(), e.maxWeight());
    }
}
