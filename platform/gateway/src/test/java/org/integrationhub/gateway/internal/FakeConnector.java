package org.integrationhub.gateway.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.integrationhub.api.HubEvent;
import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.spi.VendorQuota;

/** A connector whose calls follow a script: each call takes the next step, then the default step repeats. */
final class FakeConnector implements IntegrationInterface {

    /** What one call does. */
    interface Step {
        ActionResult run(ActionRequest request) throws Exception;
    }

    static final Step OK = r -> new ActionResult(Map.of("ok", true));

    final AtomicInteger calls = new AtomicInteger();
    final List<ActionRequest> requests = new CopyOnWriteArrayList<>();
    final List<HubEvent> events = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Step> script = new ConcurrentLinkedQueue<>();
    private final IntegrationDescriptor descriptor;
    volatile Step otherwise = OK;
    volatile HealthResult health = HealthResult.online("fine");

    FakeConnector(String name, VendorQuota quota) {
        descriptor = new IntegrationDescriptor(name, "fake", "1.0.0",
                List.of(new ActionDescriptor("echo", "Echoes", List.of()),
                        new ActionDescriptor("send", "Sends", List.of("text"))), quota, java.util.Set.of());
    }

    FakeConnector then(Step... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    static Step fail(org.integrationhub.spi.ErrorCategory category) {
        return r -> {
            throw new IntegrationException(category, category + " failure", null);
        };
    }

    static Step sleep(long millis) {
        return r -> {
            Thread.sleep(millis);
            return new ActionResult(Map.of("slept", millis));
        };
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ActionResult execute(ActionRequest request) throws IntegrationException {
        calls.incrementAndGet();
        requests.add(request);
        Step step = script.poll();
        try {
            return (step == null ? otherwise : step).run(request);
        } catch (IntegrationException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(org.integrationhub.spi.ErrorCategory.COMMUNICATION, "interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onEvent(HubEvent event) throws IntegrationException {
        execute(new ActionRequest("echo", Map.of(), event.id()));
        events.add(event);
    }

    @Override
    public HealthResult checkHealth() {
        return health;
    }
}
