package org.integrationhub.rest.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.Servlet;
import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves requests through the current servlet and replaces it without a gap: the replacement is initialised
 * before it takes over, and the one it replaces is destroyed only once its last in-flight request is done.
 *
 * <p>Jersey's own {@code ServletContainer.reload} shuts the running application down before the new one starts,
 * so requests in flight at that moment fail with 500; the REST API swaps whole containers through this class
 * instead whenever a contributed resource joins or leaves.
 */
final class SwappableServlet {

    private static final Logger LOG = LoggerFactory.getLogger(SwappableServlet.class);

    /**
     * One servlet with the requests it is serving. The count of requests in flight and the retired flag share one
     * atomic word, so "the last request left a retired generation" is a single transition: with two separate
     * variables a request could enter between another's decrement to zero and its read of the flag, and be
     * destroyed under.
     */
    private static final class Generation {
        private static final int RETIRED = 1 << 30;

        final Servlet servlet;
        private final AtomicInteger state = new AtomicInteger();
        private final AtomicBoolean destroyed = new AtomicBoolean();

        Generation(Servlet servlet) {
            this.servlet = servlet;
        }

        /** Counts a request in; false if this generation is retiring (the caller reads the current one again). */
        boolean enter() {
            while (true) {
                int s = state.get();
                if ((s & RETIRED) != 0) {
                    return false;
                }
                if (state.compareAndSet(s, s + 1)) {
                    return true;
                }
            }
        }

        void leave() {
            if (state.decrementAndGet() == RETIRED) {
                destroy();
            }
        }

        void retire() {
            if (state.updateAndGet(s -> s | RETIRED) == RETIRED) {
                destroy();
            }
        }

        private void destroy() {
            if (destroyed.compareAndSet(false, true)) {
                try {
                    servlet.destroy();
                } catch (RuntimeException e) {
                    LOG.warn("Destroying a replaced servlet failed: {}", e.toString());
                }
            }
        }
    }

    private final ServletConfig config;
    private volatile Generation current;

    SwappableServlet(ServletConfig config) {
        this.config = config;
    }

    /**
     * Initialises {@code next} and makes it serve every request from now on; the servlet it replaces finishes its
     * in-flight requests, then is destroyed. If {@code next} fails to initialise, the current one keeps serving.
     */
    synchronized void install(Servlet next) throws ServletException {
        next.init(config);
        Generation previous = current;
        current = new Generation(next);
        if (previous != null) {
            previous.retire();
        }
    }

    /**
     * Serves one request.
     *
     * @return false if no servlet is installed (before the first install or after {@link #shutdown()})
     */
    boolean service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        while (true) {
            Generation g = current;
            if (g == null) {
                return false;
            }
            if (!g.enter()) {
                continue; // swapped meanwhile: the next read sees the replacement
            }
            try {
                g.servlet.service(request, response);
                return true;
            } finally {
                g.leave();
            }
        }
    }

    /** Stops serving; the installed servlet is destroyed once its in-flight requests are done. */
    synchronized void shutdown() {
        Generation previous = current;
        current = null;
        if (previous != null) {
            previous.retire();
        }
    }
}
