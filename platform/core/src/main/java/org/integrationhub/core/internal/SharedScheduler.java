package org.integrationhub.core.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's one shared scheduler: registered as a {@link ScheduledExecutorService} service with
 * {@code hub.scheduler=shared}, so no other bundle starts threads of its own. Reference it with
 * {@code @Reference(target = "(hub.scheduler=shared)")}; never shut it down.
 */
@Component(service = {}, immediate = true, configurationPid = SharedScheduler.PID)
@Designate(ocd = SharedScheduler.Config.class)
public class SharedScheduler {

    static final String PID = "org.integrationhub.scheduler";

    @ObjectClassDefinition(name = "Integration Hub scheduler",
            description = "The thread pool shared by the hub's background work (deliveries, polling, health checks).")
    public @interface Config {
        @AttributeDefinition(name = "Threads", description = "Number of threads of the shared scheduler.", min = "1")
        int threads() default 4;
    }

    private final Logger logger = LoggerFactory.getLogger(SharedScheduler.class);
    private final ScheduledThreadPoolExecutor executor;
    private final ServiceRegistration<ScheduledExecutorService> registration;

    @Activate
    public SharedScheduler(BundleContext context, Config config) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "hub-scheduler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        executor = new ScheduledThreadPoolExecutor(Math.max(1, config.threads()), threads);
        executor.setRemoveOnCancelPolicy(true);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("hub.scheduler", "shared");
        // a facade, so a careless shutdown() by a user cannot stop everyone's work
        registration = context.registerService(ScheduledExecutorService.class, new UnstoppableScheduler(executor), props);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                logger.warn("Shared scheduler tasks still running after 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
