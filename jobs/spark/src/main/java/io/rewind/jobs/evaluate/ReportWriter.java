package io.rewind.jobs.evaluate;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rewind.formats.JsonCodec;
import io.rewind.formats.spark.HadoopFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.sql.SparkSession;

/** Every evaluation's outputs: the report as JSON (snake_case keys, as the job summaries) and the chart as PNG. */
public final class ReportWriter {
    private static final ObjectWriter JSON = JsonCodec.MAPPER.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .writer(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static String json(EvaluationReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes what {@code outputs} names. */
    public static void write(SparkSession spark, EvaluationReport report, ReportOutputs outputs) {
        if (outputs.report() != null) {
            HadoopFiles.writeString(spark, outputs.report(), json(report));
        }
        if (outputs.chart() != null) {
            EstimateChart.write(report, outputs.chart());
        }
    }

    /** What {@link #write} wrote, one "report: PATH" or "chart: PATH" line each, for the console. */
    public static String written(EvaluationReport report, ReportOutputs outputs) {
        StringBuilder where = new StringBuilder();
        if (outputs.report() != null) {
            where.append("report: ").append(outputs.report()).append('\n');
        }
        if (outputs.chart() != null) {
            EstimateChart.paths(report, outputs.chart()).forEach(p -> where.append("chart: ").append(p).append('\n'));
        }
        return where.toString();
    }
}
