package org.integrationhub.metrics.internal;

import java.util.Map;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

/** Builds metric families from values read at scrape time. Stateless. */
final class Families {

    private Families() {
    }

    /** @return a gauge family of the given points (labels to value); a family without points is still announced */
    static GaugeSnapshot gauge(String name, String help, Map<Labels, Double> points) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        points.forEach((labels, value) -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value)
                .build()));
        return b.build();
    }

    /** @return a gauge family of one unlabelled value */
    static GaugeSnapshot gauge(String name, String help, double value) {
        return gauge(name, help, Map.of(Labels.EMPTY, value));
    }

    /**
     * @param name the family name without {@code _total} (the exposition adds it)
     * @return a counter family of the given points (labels to value)
     */
    static CounterSnapshot counter(String name, String help, Map<Labels, Double> points) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        points.forEach((labels, value) -> b.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value)
                .build()));
        return b.build();
    }

    /** @return label values in the lower case Prometheus users expect ({@code HALF_OPEN} → {@code half_open}) */
    static String lower(String value) {
        return value == null ? "" : value.toLowerCase(java.util.Locale.ROOT);
    }
}
