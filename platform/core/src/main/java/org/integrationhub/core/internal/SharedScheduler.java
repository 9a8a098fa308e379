package org.integrationhub.core.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's one shared scheduler: a DS component registered as a {@link ScheduledExecutorService} service with
 * {@code hub.scheduler=shared}, so no other bundle starts threads of its own. Reference it with
 * {@code @Reference(target = "(hub.scheduler=shared)")}; never shut it down — the service is a facade that refuses
 * {@code shutdown()}, and only this component stops the pool, when DS deactivates it.
 */
@Component(service = ScheduledExecutorService.class, property = "hub.scheduler=shared",
        configurationPid = SharedScheduler.PID)
@Designate(ocd = SharedScheduler.Config.class)
public class SharedScheduler extends UnstoppableScheduler {

    static final String PID = "org.integrationhub.scheduler";

    @ObjectClassDefinition(name = "Integration Hub scheduler",
            description = "The thread pool shared by the hub's background work (deliveries, polling, health checks).")
    public @interface Config {
        @AttributeDefinition(name = "Threads", description = "Number of threads of the shared scheduler.", min = "1")
        int threads() default 4;
    }

    private final Logger logger = LoggerFactory.getLogger(SharedScheduler.class);
    private final ScheduledThreadPoolExecutor executor;

    @Activate
    public SharedScheduler(Config config) {
        this(pool(config.threads()));
    }

    private SharedScheduler(ScheduledThreadPoolExecutor executor) {
        super(executor);
        this.executor = executor;
    }

    private static ScheduledThreadPoolExecutor pool(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "hub-scheduler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(Math.max(1, threads), factory);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @Deactivate
    void deactivate() {
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
