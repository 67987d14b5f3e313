package io.rewind.flink.collect;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter that keeps the histograms registered with it, by their short name, so tests read what a
 * job measured (configured as {@code metrics.reporter.NAME.factory.class}).
 */
public class CollectingReporter implements MetricReporterFactory, MetricReporter {
    static final Map<String, java.util.List<Histogram>> HISTOGRAMS = new ConcurrentHashMap<>();

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return this;
    }

    @Override
    public void open(MetricConfig config) {
    }

    @Override
    public void close() {
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (metric instanceof Histogram h) {
            HISTOGRAMS.computeIfAbsent(name, n -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(h);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    }
}
