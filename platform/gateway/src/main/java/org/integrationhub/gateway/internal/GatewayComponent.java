package org.integrationhub.gateway.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.integrationhub.api.HubEvent;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.gateway.GatewayException;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationInterface;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway as an OSGi component: tracks {@link IntegrationInterface} services (whiteboard) and operator
 * policies, tests connections periodically on the shared scheduler, and serves {@link IntegrationGateway}.
 */
@Component(service = {IntegrationGateway.class, GatewayComponent.class},
        configurationPid = GatewayComponent.PID)
@Designate(ocd = GatewayComponent.Config.class)
public class GatewayComponent implements IntegrationGateway, StatusBoard {

    static final String PID = "org.integrationhub.gateway";

    @ObjectClassDefinition(name = "Integration Hub gateway", description = "The connector gateway's global settings.")
    public @interface Config {
        @AttributeDefinition(name = "Health check interval (s)", description = "How often every connector's connection is tested; 0 = never.", min = "0")
        int healthCheckIntervalSeconds() default 60;

        @AttributeDefinition(name = "Time limit resolution (ms)", description = "How often calls are checked against their time limit.", min = "1")
        int timeLimitResolutionMillis() default 20;

        @AttributeDefinition(name = "Scheduler threads for connector calls", description = "How many threads of the shared scheduler blocking connector calls (event deliveries, connection tests) may occupy at once; further calls queue. Keep it below the scheduler's size (org.integrationhub.scheduler threads, default 4) so the rest of the hub always runs.", min = "1")
        int connectorCallThreads() default 2;
    }

    private final ScheduledExecutorService scheduler;
    private final IntegrationRegistry registry;
    private final Gateway gateway;
    private final ScheduledFuture<?> sweeper;
    private final ScheduledFuture<?> healthChecks;
    private final StatusReports reports;
    private final BlockingCallGate calls;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfiguredInstances configured;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile QueueDepth queueDepth;

    private final Logger logger = LoggerFactory.getLogger(GatewayComponent.class);

    /** The delivery log, to resume a returning connector's waiting events at once. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile DeliveryService deliveries;

    @Activate
    public GatewayComponent(@Reference(target = "(hub.scheduler=shared)") ScheduledExecutorService scheduler,
            @Reference StatusReports reports, Config config) {
        this.scheduler = scheduler;
        this.reports = reports;
        this.calls = new BlockingCallGate(scheduler, config.connectorCallThreads());
        Deadlines deadlines = new Deadlines();
        this.registry = new IntegrationRegistry(deadlines);
        this.gateway = new Gateway(registry, () -> {
            ConfiguredInstances c = configured;
            return c == null ? null : c.instances();
        }, () -> {
            QueueDepth q = queueDepth;
            return q == null ? null : q.pendingBySubscriber();
        });
        this.sweeper = scheduler.scheduleWithFixedDelay(deadlines::sweep, config.timeLimitResolutionMillis(),
                config.timeLimitResolutionMillis(), TimeUnit.MILLISECONDS);
        int interval = config.healthCheckIntervalSeconds();
        this.healthChecks = interval <= 0 ? null
                : scheduler.scheduleWithFixedDelay(this::checkAll, interval, interval, TimeUnit.SECONDS);
        reports.attach(this);
    }

    @Deactivate
    void deactivate() {
        reports.detach(this);
        sweeper.cancel(false);
        if (healthChecks != null) {
            healthChecks.cancel(false);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindIntegration(ServiceReference<IntegrationInterface> reference, IntegrationInterface service) {
        Bundle bundle = reference.getBundle();
        String origin = bundle == null ? "?" : bundle.getSymbolicName() + "/" + bundle.getVersion();
        Object factoryPid = reference.getProperty(ConfigurationAdmin.SERVICE_FACTORYPID);
        IntegrationEntry entry = registry.add(service, origin, factoryPid instanceof String f ? f : null);
        if (entry != null) {
            calls.execute(() -> testQuietly(entry.name));
            scheduler.execute(() -> resumeQuietly(entry.name));
        }
    }

    /** Events that waited while the connector was away go now, not at their next look ({@code absentRecheck}). */
    private void resumeQuietly(String name) {
        DeliveryService d = deliveries;
        if (d == null) {
            return;
        }
        try {
            int resumed = d.resume(IntegrationTransport.KIND, name);
            if (resumed > 0) {
                logger.info("Integration {} is back: {} waiting delivery(ies) resumed", name, resumed);
            }
        } catch (RuntimeException e) {
            logger.warn("Could not resume the waiting deliveries of {} (they go at their next look): {}", name,
                    e.toString());
        }
    }

    void unbindIntegration(IntegrationInterface service) {
        registry.remove(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPolicy(PolicyConfiguration policy) {
        registry.setPolicy(policy.integration(), policy.settings());
    }

    void unbindPolicy(PolicyConfiguration policy) {
        registry.setPolicy(policy.integration(), null);
    }

    private void checkAll() {
        for (IntegrationEntry entry : registry.present()) {
            calls.execute(() -> testQuietly(entry.name));
        }
    }

    private void testQuietly(String name) {
        try {
            gateway.test(name);
        } catch (GatewayException e) {
            // the connector left meanwhile
        }
    }

    @Override
    public List<IntegrationInfo> list() {
        return gateway.list();
    }

    @Override
    public Optional<IntegrationInfo> get(String name) {
        return gateway.get(name);
    }

    @Override
    public ActionResult execute(String integration, String action, Map<String, Object> params)
            throws GatewayException {
        return gateway.execute(integration, action, params);
    }

    ActionResult execute(String integration, String action, Map<String, Object> params, String idempotencyKey)
            throws GatewayException {
        return gateway.execute(integration, action, params, idempotencyKey);
    }

    /** @return where blocking connector calls run: the shared scheduler, on a bounded number of its threads */
    Executor calls() {
        return calls;
    }

    void deliver(String integration, HubEvent event) throws GatewayException {
        gateway.deliver(integration, event);
    }

    @Override
    public HealthResult test(String integration) throws GatewayException {
        return gateway.test(integration);
    }

    @Override
    public void report(String integration, HealthResult status) {
        gateway.report(integration, status);
    }
}
