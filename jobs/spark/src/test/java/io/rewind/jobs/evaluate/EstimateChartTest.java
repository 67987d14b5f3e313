package io.rewind.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Json;
import io.rewind.ope.Estimate;
import io.rewind.ope.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/** A known true value is drawn across the estimates, kept in view, written to the report and said on the console. */
class EstimateChartTest {
    private static Estimate estimate(String name, double value, double halfWidth) {
        return new Estimate(name, value, new Interval(value - halfWidth, value + halfWidth, 0.95, "normal"), null,
                null, 1000, 900, 3, 1, 0);
    }

    private static final EvaluationReport REPORT = new EvaluationReport(EvaluationReport.Kind.BANDIT, 1000, 1000, 0,
            1000, 0.95, List.of(estimate("IPS", 0.50, 0.02), estimate("DR", 0.52, 0.01)), null, null, null, null,
            List.of(), null, List.of(), null);

    @Test
    void theTrueValueIsADashedLineInViewAndInTheReport() throws Exception {
        CategoryChart chart = EstimateChart.estimates(REPORT, 0.6);
        CategorySeries truth = chart.getSeriesMap().get("true value");
        assertTrue(truth != null, chart.getSeriesMap().keySet().toString());
        assertEquals(CategorySeries.CategorySeriesRenderStyle.Line, truth.getChartCategorySeriesRenderStyle());
        truth.getYData().forEach(y -> assertEquals(0.6, y.doubleValue()));
        assertTrue(chart.getStyler().getYAxisMax() > 0.6, "the axis reaches the truth above the intervals");

        assertFalse(EstimateChart.estimates(REPORT, null).getSeriesMap().containsKey("true value"));
        assertEquals(0.6, Json.tree(ReportWriter.json(REPORT, 0.6)).get("true_value").asDouble());
        assertFalse(Json.tree(ReportWriter.json(REPORT, null)).has("true_value"));
        assertEquals(List.of("DR"), ReportWriter.covering(REPORT, 0.525));
        assertTrue(ReportWriter.written(REPORT, new ReportOutputs(null, null, 0.525))
                .startsWith("true value 0.52500 (given); covered by the normal interval of: DR"));
    }
}
