package org.integrationhub.gateway.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.integrationhub.api.HubEvent;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryRequest;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.RetryPolicy;
import org.integrationhub.gateway.GatewayException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The "integration" kind of the delivery engine: hands one event to a connector's {@code onEvent} through the
 * gateway's policies (no gateway retry: the engine retries durably) on the shared scheduler. While the connector is
 * absent, or its circuit is open, the delivery waits as SUBSCRIBER_ABSENT; while the gateway's own rate limit or
 * bulkhead refuses the call, it is THROTTLED until the limit allows it (a burst drains at the limit's pace). Neither
 * uses up its retries; a connector's own report of the vendor's rate limit is a retry that waits its Retry-After. Calls run on the gateway's bounded share of the scheduler
 * ({@link GatewayComponent#calls()}).
 */
@Component(service = DeliveryTransport.class, property = DeliveryTransport.KIND_PROPERTY + "=" + IntegrationTransport.KIND)
public class IntegrationTransport implements DeliveryTransport {

    static final String KIND = "integration";
    /** The wait of a delivery the gateway's own limits held back without saying how long. */
    static final Duration THROTTLE_WAIT = Duration.ofSeconds(1);
    /** Up to 8 retries from 1 s growing ×3 to at most 1 h, ±20 %: about 3 hours before an event fails. */
    static final RetryPolicy POLICY = RetryPolicy.exponential(8, Duration.ofSeconds(1), 3, Duration.ofHours(1), 0.2);

    /** Delivers one event to one integration. */
    interface Deliverer {
        void deliver(String integration, org.integrationhub.api.HubEvent event) throws GatewayException;
    }

    private final Deliverer gateway;
    private final Executor executor;

    @Activate
    public IntegrationTransport(@Reference GatewayComponent gateway) {
        this(gateway::deliver, gateway.calls());
    }

    IntegrationTransport(Deliverer gateway, Executor executor) {
        this.gateway = gateway;
        this.executor = executor;
    }

    @Override
    public CompletionStage<DeliveryOutcome> deliver(DeliveryRequest request) {
        return CompletableFuture.supplyAsync(() -> attempt(request), executor);
    }

    DeliveryOutcome attempt(DeliveryRequest request) {
        long start = System.nanoTime();
        HubEvent event;
        try {
            event = request.event();
        } catch (IllegalArgumentException e) { // a stored event this version cannot read: no attempt can succeed
            return DeliveryOutcome.failed(null, Duration.ZERO, "the stored event cannot be read: " + e.getMessage(),
                    null);
        }
        try {
            gateway.deliver(request.subscriberId(), event);
            return DeliveryOutcome.delivered(null, Duration.ofNanos(System.nanoTime() - start), null);
        } catch (GatewayException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return switch (e.reason()) {
                case RATE_LIMITED, BULKHEAD_FULL -> e.category() == null // the hub's own limit: wait for it
                        ? DeliveryOutcome.throttled(e.getMessage(), e.retryAfter() == null ? THROTTLE_WAIT : e.retryAfter())
                        : DeliveryOutcome.retry(null, took, e.getMessage(), null, e.retryAfter());
                case UNKNOWN_INTEGRATION, UNAVAILABLE, CIRCUIT_OPEN ->
                        e.category() == null ? DeliveryOutcome.subscriberAbsent(e.getMessage())
                                : DeliveryOutcome.retry(null, took, e.getMessage(), null, e.retryAfter());
                case TIMEOUT -> DeliveryOutcome.retry(null, took, e.getMessage(), null, null);
                case REMOTE_FAILURE -> e.category() != null && e.category().isRetryable()
                        ? DeliveryOutcome.retry(null, took, e.getMessage(), null, e.retryAfter())
                        : DeliveryOutcome.failed(null, took, e.getMessage(), null);
                default -> DeliveryOutcome.failed(null, took, e.getMessage(), null);
            };
        }
    }

    @Override
    public RetryPolicy retryPolicy(String subscriberId) {
        return POLICY;
    }
}
