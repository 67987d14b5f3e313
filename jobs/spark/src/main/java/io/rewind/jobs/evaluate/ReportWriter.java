package io.rewind.jobs.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewind.formats.Json;
import io.rewind.formats.spark.HadoopFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.sql.SparkSession;

/** Every evaluation's outputs: the report as JSON (snake_case keys, as the job summaries) and the chart as PNG. */
public final class ReportWriter {
    private static final ObjectMapper SNAKE = Json.newMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final ObjectWriter JSON = SNAKE.writer(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static String json(EvaluationReport report) {
        return json(report, null);
    }

    /** The report, with {@code true_value} when one is known. */
    public static String json(EvaluationReport report, Double trueValue) {
        try {
            if (trueValue == null) {
                return JSON.writeValueAsString(report);
            }
            ObjectNode tree = SNAKE.valueToTree(report);
            return JSON.writeValueAsString(tree.put("true_value", trueValue));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes what {@code outputs} names. */
    public static void write(SparkSession spark, EvaluationReport report, ReportOutputs outputs) {
        if (outputs.report() != null) {
            HadoopFiles.writeString(spark, outputs.report(), json(report, outputs.trueValue()));
        }
        if (outputs.chart() != null) {
            EstimateChart.write(report, outputs.trueValue(), outputs.chart());
        }
    }

    /** What {@link #write} wrote, one "report: PATH" or "chart: PATH" line each, for the console. */
    public static String written(EvaluationReport report, ReportOutputs outputs) {
        StringBuilder where = new StringBuilder();
        if (outputs.trueValue() != null) {
            where.append(String.format("true value %.5f (given); covered by the normal interval of: %s%n",
                    outputs.trueValue(), String.join(", ", covering(report, outputs.trueValue()))));
        }
        if (outputs.report() != null) {
            where.append("report: ").append(outputs.report()).append('\n');
        }
        if (outputs.chart() != null) {
            EstimateChart.paths(report, outputs.chart()).forEach(p -> where.append("chart: ").append(p).append('\n'));
        }
        return where.toString();
    }

    /** The target's estimators whose normal interval holds {@code truth}. */
    static java.util.List<String> covering(EvaluationReport report, double truth) {
        return report.target().stream().filter(e -> e.normal().lower() <= truth && truth <= e.normal().upper())
                .map(io.rewind.ope.Estimate::estimator).toList();
    }
}
