package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.evaluate.EvaluationInput;
import io.rewind.jobs.evaluate.EvaluationReport;
import io.rewind.jobs.evaluate.Intervals;
import io.rewind.jobs.evaluate.ReportOutputs;
import io.rewind.jobs.evaluate.ReportTable;
import io.rewind.jobs.evaluate.ReportWriter;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import io.rewind.jobs.join.MappedLog;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code rewind evaluate} subcommand takes, and how each one runs, prints and records. */
public final class EvaluationOptions {
    @Option(names = "--data", split = ",", description = "the table(s) to evaluate on (or --mapping)")
    List<String> data;

    @Option(names = "--data-format", defaultValue = "delta", description = "delta, parquet, jsonl or csv"
            + " (default ${DEFAULT-VALUE})")
    String dataFormat;

    @Option(names = "--max-bad-fraction", defaultValue = "0.05", description = "fail (exit 3) when more than this"
            + " share of the rows read is unusable: malformed, or without the target's probabilities"
            + " (default ${DEFAULT-VALUE})")
    double maxBadFraction;

    @Option(names = "--bootstrap", defaultValue = "200", description = "Poisson-bootstrap replicates for the"
            + " bootstrap intervals, 0 or more; 0 reports no bootstrap intervals (default ${DEFAULT-VALUE})")
    int replicates;

    @Option(names = "--level", defaultValue = "0.95", description = "interval level (default ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--true-value", description = "the target's true value when it is known (rewind simulate prints"
            + " it as target_true_value): printed with the estimators whose interval covers it, written to the report"
            + " as true_value and drawn on the chart as a dashed line")
    Double trueValue;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the bootstrap replicates and the"
            + " cross-fitting folds (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--report", description = "write the report as JSON to this path (any Hadoop path)")
    String report;

    @Option(names = "--chart", description = "draw the estimates with their intervals as a PNG at this path")
    String chart;

    @Mixin
    RegistryRunOptions run = new RegistryRunOptions();

    /** What the run read when not --data (a mapping file), for the registry's record. */
    private List<String> inputs = List.of();

    EvaluationInput input() {
        if (data == null) {
            throw new IllegalArgumentException("--data: give the table(s) to evaluate on");
        }
        return new EvaluationInput(data, TableFormat.parse(dataFormat), maxBadFraction);
    }

    /** A mapped log (joined in memory) when given, else {@code --data}; not both. */
    EvaluationInput input(MappedLog mapped) {
        if (mapped == null) {
            return input();
        }
        insteadOfData(mapped.mapping());
        return EvaluationInput.of(mapped, maxBadFraction);
    }

    /** A mapping file's table (read with nothing written) instead of {@code --data}; not both. */
    EvaluationInput input(io.rewind.jobs.mapping.Mapping mapping) {
        insteadOfData(mapping);
        return new EvaluationInput(inputs, null, maxBadFraction);
    }

    private void insteadOfData(io.rewind.jobs.mapping.Mapping mapping) {
        if (data != null) {
            throw new IllegalArgumentException("give --data or --mapping, not both");
        }
        inputs = List.of(mapping.file());
    }

    Intervals intervals() {
        return new Intervals(replicates, level, seed);
    }

    ReportOutputs outputs() {
        return new ReportOutputs(report, chart, trueValue);
    }

    /** Runs the evaluation (recorded in the registry when asked), writes its outputs and prints the report. */
    int run(String command, Runnable inputChecks, Function<SparkSession, EvaluationReport> evaluation) {
        Runnable checks = () -> {
            LocalInputs.outputFile("--report", report);
            LocalInputs.outputFile("--chart", chart);
            inputChecks.run();
        };
        run.checkBeforeSpark(checks);
        SparkSession spark = LocalSpark.getOrCreate("rewind " + command);
        EvaluationReport[] r = new EvaluationReport[1];
        JobSummary s = run.record(spark, "evaluate", data != null ? data : inputs, report, checks, () -> {
            r[0] = evaluation.apply(spark);
            return summary(r[0]);
        });
        Console.PRINTED.set(s);
        System.out.print("rewind " + command + "\n" + ReportTable.of(r[0]) + ReportWriter.written(r[0], outputs()));
        return 0;
    }

    static JobSummary summary(EvaluationReport r) {
        JobSummary s = new JobSummary("evaluate").put("evaluation", r.evaluation().name().toLowerCase())
                .put("rows_in", r.rowsIn()).put("rows_used", r.rowsUsed()).put("unusable", r.unusable());
        if (r.logged() != null) {
            s.put("logged_value", r.logged().value());
        }
        if (r.unrewarded() != null) {
            s.put(r.unrewarded().dropped() ? "unrewarded_left_out" : "unrewarded_default_reward",
                    r.unrewarded().count());
        }
        r.target().forEach(e -> s.put(e.estimator(), e.value()));
        return s;
    }
}
