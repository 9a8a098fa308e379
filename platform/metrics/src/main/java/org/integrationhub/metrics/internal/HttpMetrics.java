package org.integrationhub.metrics.internal;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The hub's HTTP requests: a counter by status class ({@code 2xx} … {@code 5xx}) and a latency histogram, fed by
 * {@link RequestMetricsFilter}. Lock-free.
 */
final class HttpMetrics {

    static final String REQUESTS = "hub_http_requests_total";
    static final String DURATION = "hub_http_request_duration_seconds";

    private final Counter requests;
    private final Histogram duration;

    HttpMetrics(PrometheusRegistry registry) {
        requests = Counter.builder().name(REQUESTS)
                .help("HTTP requests the hub answered (REST API, OAuth2, inbound connector calls, /metrics), by status "
                        + "class")
                .labelNames("status").withoutExemplars().register(registry);
        duration = Histogram.builder().name(DURATION)
                .help("Time from the request reaching the hub's servlets to the response being complete")
                .classicOnly().classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .withoutExemplars().register(registry);
        for (String status : new String[] {"2xx", "3xx", "4xx", "5xx"}) {
            requests.labelValues(status); // present at 0 from the start: rate() and alerts need no absent() dance
        }
    }

    /** Counts one answered request. */
    void served(int status, long nanos) {
        requests.labelValues(statusClass(status)).inc();
        duration.observe(nanos / 1e9);
    }

    /** @return {@code 1xx} … {@code 5xx}, or {@code other} for a status outside 100–599 */
    static String statusClass(int status) {
        return status >= 100 && status <= 599 ? (status / 100) + "xx" : "other";
    }
}
