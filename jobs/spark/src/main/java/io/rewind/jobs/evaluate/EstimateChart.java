package io.rewind.jobs.evaluate;

import io.rewind.ope.Estimate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG of estimates with their normal intervals as error bars, the incumbent's and the logged policy's value beside
 * them when the report has them, the y axis fitted to the intervals. With an incumbent, a second PNG beside it
 * ({@code NAME-difference.png}) shows the difference target − incumbent per estimator with its interval and the
 * zero line: what promotion gates on. A true value known from a simulation is drawn as a dashed line.
 */
public final class EstimateChart {
    private EstimateChart() {
    }

    /** The files {@link #write} writes for this report. */
    public static List<String> paths(EvaluationReport report, String path) {
        String base = base(path);
        return report.difference() == null ? List.of(base + ".png")
                : List.of(base + ".png", base + "-difference.png");
    }

    private static String base(String path) {
        return path.endsWith(".png") ? path.substring(0, path.length() - 4) : path;
    }

    /** Writes the chart, and the difference chart when there is an incumbent. */
    public static void write(EvaluationReport report, Double trueValue, String path) {
        String base = base(path);
        save(estimates(report, trueValue), base);
        if (report.difference() != null) {
            save(difference(report), base + "-difference");
        }
    }

    /** The estimates, with a known true value as a dashed line across them. */
    static CategoryChart estimates(EvaluationReport report, Double trueValue) {
        List<String> labels = report.target().stream().map(Estimate::estimator).toList();
        CategoryChart chart = chart("Off-policy estimates (" + Math.round(report.level() * 100) + "% intervals"
                + (estimated(report) ? "; propensities estimated, not logged" : "") + ")", "policy value");
        List<Estimate> all = new ArrayList<>(report.target());
        addSeries(chart, "target", labels, report.target());
        if (report.incumbent() != null) {
            addSeries(chart, "incumbent", labels, report.incumbent());
            all.addAll(report.incumbent());
        }
        if (report.logged() != null) {
            addSeries(chart, "logged policy", labels, Collections.nCopies(labels.size(), report.logged()));
            all.add(report.logged());
        }
        if (trueValue != null) {
            chart.addSeries("true value", labels, Collections.nCopies(labels.size(), trueValue))
                    .setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Line)
                    .setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH);
        }
        fitYAxis(chart, all, false, trueValue);
        return chart;
    }

    private static boolean estimated(EvaluationReport report) {
        return report.propensities() != null && report.propensities().estimated() > 0;
    }

    private static CategoryChart difference(EvaluationReport report) {
        List<String> labels = report.target().stream().map(Estimate::estimator).toList();
        CategoryChart diff = chart("Target − incumbent (" + Math.round(report.level() * 100)
                + "% intervals; promotion needs the lower bound above 0" + (estimated(report)
                ? "; propensities estimated" : "") + ")", "difference in policy value");
        addSeries(diff, "target − incumbent", labels, report.difference());
        fitYAxis(diff, report.difference(), true, null);
        return diff;
    }

    private static CategoryChart chart(String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(title).xAxisTitle("estimator")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setXAxisLabelRotation(30);
        return chart;
    }

    /** The y axis around the intervals (with zero in view when asked), not from 0 to the largest bar. */
    private static void fitYAxis(CategoryChart chart, List<Estimate> estimates, boolean withZero, Double also) {
        double lo = withZero ? 0 : also != null ? also : Double.POSITIVE_INFINITY;
        double hi = withZero ? 0 : also != null ? also : Double.NEGATIVE_INFINITY;
        for (Estimate e : estimates) {
            lo = Math.min(lo, Math.min(e.value(), e.normal().lower()));
            hi = Math.max(hi, Math.max(e.value(), e.normal().upper()));
        }
        if (!(Double.isFinite(lo) && Double.isFinite(hi))) {
            return;
        }
        double pad = Math.max(1e-6, 0.1 * (hi - lo));
        chart.getStyler().setYAxisMin(lo - pad);
        chart.getStyler().setYAxisMax(hi + pad);
    }

    private static void save(CategoryChart chart, String base) {
        try {
            BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + base + ".png", e);
        }
    }

    private static void addSeries(CategoryChart chart, String name, List<String> labels, List<Estimate> estimates) {
        List<Double> y = new ArrayList<>();
        List<Double> err = new ArrayList<>();
        for (Estimate e : estimates) {
            y.add(e.value());
            err.add(e.normal().width() / 2);
        }
        chart.addSeries(name, labels, y, err);
    }
}
