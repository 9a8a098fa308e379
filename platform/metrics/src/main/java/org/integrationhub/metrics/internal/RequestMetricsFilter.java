package org.integrationhub.metrics.internal;

import java.io.IOException;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Counts every request the hub's servlets answer (the REST API, OAuth2, inbound connector calls, /metrics, the
 * problem+json 404s): a filter on the HTTP whiteboard's default context, where all of them are registered. Records
 * the status class and the time taken; never the path, so the series stay few.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.filter.name=integration-hub-request-metrics"})
public class RequestMetricsFilter implements Filter {

    private final MetricsRegistry registry;

    @Activate
    public RequestMetricsFilter(@Reference MetricsRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void init(FilterConfig filterConfig) {
        // nothing to set up
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            int status = response instanceof HttpServletResponse http ? http.getStatus() : 200;
            // an exception escaping the servlet becomes the container's 500
            registry.requestServed(failed && status < 400 ? 500 : status, System.nanoTime() - start);
        }
    }

    @Override
    public void destroy() {
        // nothing to release
    }
}
