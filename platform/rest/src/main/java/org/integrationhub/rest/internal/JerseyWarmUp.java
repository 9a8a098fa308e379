package org.integrationhub.rest.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.glassfish.jersey.server.ApplicationHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a throwaway instance of the REST application as soon as this bundle starts, while the database and the
 * rest of the container are still starting: the web container initialises the API servlet only on its first
 * request, and Jersey's first initialisation (class loading, HK2, providers, the resource model) would otherwise
 * delay that first answer by seconds on a small machine. Nothing of it is kept but warm classes. The thread belongs
 * to this component's instance (the API servlet references the component to wait for it) and ends by itself; it is
 * never interrupted, since an interrupt during class loading could break the bundle's class path.
 */
@Component(immediate = true, service = JerseyWarmUp.class)
public class JerseyWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(JerseyWarmUp.class);
    private final Thread running;

    @Activate
    public JerseyWarmUp() {
        running = new Thread(JerseyWarmUp::warmUp, "hub-rest-warm-up");
        running.setDaemon(true);
        running.start();
    }

    private static void warmUp() {
        long start = System.nanoTime();
        try {
            // the real application's classes with no services behind them: only constructed, never called
            new ApplicationHandler(HubApiApplication.create(null, null, List.of(), null, 1, List.of()))
                    .getInjectionManager().shutdown();
            LOG.debug("REST API warmed up in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("REST API warm-up failed; the first request initialises Jersey from cold", e);
        }
    }

    /** Waits (at most {@code millis}) for the warm-up to end, so that two initialisations do not compete. */
    void awaitDone(long millis) {
        try {
            running.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
