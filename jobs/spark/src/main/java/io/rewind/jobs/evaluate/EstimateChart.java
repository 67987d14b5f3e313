package io.rewind.jobs.evaluate;

import io.rewind.ope.Estimate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * A PNG of estimates with their normal intervals as error bars, the incumbent's and the logged policy's value beside
 * them when the report has them.
 */
public final class EstimateChart {
    private EstimateChart() {
    }

    public static void write(EvaluationReport report, String path) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(450)
                .title("Off-policy estimates (" + Math.round(report.level() * 100) + "% intervals)")
                .xAxisTitle("estimator").yAxisTitle("policy value").build();
        chart.getStyler().setLegendVisible(true);
        List<String> labels = report.target().stream().map(Estimate::estimator).toList();
        addSeries(chart, "target", labels, report.target());
        if (report.incumbent() != null) {
            addSeries(chart, "incumbent", labels, report.incumbent());
        }
        if (report.logged() != null) {
            List<Estimate> logged = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                logged.add(report.logged());
            }
            addSeries(chart, "logged policy", labels, logged);
        }
        try {
            BitmapEncoder.saveBitmap(chart, path.endsWith(".png") ? path.substring(0, path.length() - 4) : path,
                    BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + path, e);
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
