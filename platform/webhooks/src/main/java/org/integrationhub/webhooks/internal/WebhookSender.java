package org.integrationhub.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.util.BytesContentProvider;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryRequest;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.RetryPolicy;
import org.integrationhub.webhook.verifier.WebhookSigner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook {@link DeliveryTransport}: signs each delivery (Standard Webhooks + legacy header) and POSTs it with
 * Jetty's asynchronous HttpClient (pooled, bounded connections per host, timeout, no redirects, TLS verified unless
 * the endpoint opted out), re-checking the target address at connect time.
 */
@Component(service = {DeliveryTransport.class, WebhookSender.class}, configurationPid = WebhookRegistry.PID,
        property = DeliveryTransport.KIND_PROPERTY + "=" + WebhookRegistry.KIND)
public class WebhookSender implements DeliveryTransport {

    static final int EXCERPT_BYTES = 1000;
    /** The type of the synthetic event {@link #sendTest} sends. */
    public static final String TEST_EVENT = "webhook.test";
    /** Why nothing is sent while {@link WebhookConfig#enabled()} is false. */
    static final String DISABLED_HUB_WIDE = "webhooks are disabled hub-wide (enabled = false in "
            + "etc/org.integrationhub.webhooks.cfg)";

    private final Logger logger = LoggerFactory.getLogger(WebhookSender.class);
    private final WebhookRegistry registry;
    private final WebhookConfig config;
    private final Clock clock;
    private final HttpClient verified;
    private final HttpClient unverified;
    private final RateGate rates = new RateGate();

    @Activate
    public WebhookSender(@Reference WebhookRegistry registry, WebhookConfig config) throws Exception {
        this(registry, config, Clock.systemUTC());
    }

    WebhookSender(WebhookRegistry registry, WebhookConfig config, Clock clock) throws Exception {
        this.registry = registry;
        this.config = config;
        this.clock = clock;
        SsrfGuard guard = new SsrfGuard(List.of(config.allowedNetworks()));
        this.verified = client(new SslContextFactory.Client(false), guard);
        this.unverified = client(new SslContextFactory.Client(true), guard);
    }

    private HttpClient client(SslContextFactory.Client tls, SsrfGuard guard) throws Exception {
        HttpClient c = new HttpClient(tls);
        c.setFollowRedirects(false);
        c.setMaxConnectionsPerDestination(config.maxConnectionsPerDestination());
        c.setMaxRequestsQueuedPerDestination(100_000);
        c.setConnectTimeout(Math.min(10_000L, config.timeoutSeconds() * 1000L));
        c.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "IntegrationHub-Webhooks/0.1"));
        c.setName("hub-webhooks");
        c.start(); // its executor/scheduler are Jetty's own (the client's I/O threads)
        c.setSocketAddressResolver(new GuardedResolver(
                new SocketAddressResolver.Async(c.getExecutor(), c.getScheduler(), c.getConnectTimeout()), guard));
        return c;
    }

    @Deactivate
    void deactivate() throws Exception {
        verified.stop();
        unverified.stop();
    }

    @Override
    public RetryPolicy retryPolicy(String subscriberId) {
        String schedule = registry.cached(subscriberId).map(Endpoint::retrySchedule).orElse(config.retrySchedule());
        return "standard".equals(schedule) ? RetryPolicy.STANDARD_WEBHOOKS
                : RetryPolicy.exponential(config.maxRetries(), Duration.ofMillis(config.retryDelayMillis()), 5,
                        Duration.ofHours(10), 0.2);
    }

    @Override
    public CompletionStage<DeliveryOutcome> deliver(DeliveryRequest request) {
        Endpoint e = registry.cached(request.subscriberId()).orElse(null);
        if (e == null) {
            return CompletableFuture.completedFuture(DeliveryOutcome.failed(null, null, "endpoint deleted", null));
        }
        if (e.disabled()) {
            return CompletableFuture.completedFuture(DeliveryOutcome.failed(null, null, "endpoint disabled", null));
        }
        if (!config.enabled()) { // waits as for an absent subscriber: not an attempt, not the endpoint's failure
            return CompletableFuture.completedFuture(DeliveryOutcome.subscriberAbsent(DISABLED_HUB_WIDE));
        }
        if (e.rateLimit() != null && !rates.tryAcquire(e.id(), e.rateLimit())) {
            return CompletableFuture.completedFuture(DeliveryOutcome.throttled("endpoint rate limit reached ("
                    + e.rateLimit() + "/s)", rates.wait(e.id(), e.rateLimit())));
        }
        Instant start = clock.instant();
        Request http = newRequest(e, request, start);
        CompletableFuture<DeliveryOutcome> outcome = new CompletableFuture<>();
        http.send(new ExcerptListener(EXCERPT_BYTES, (result, excerpt) -> {
            Instant end = clock.instant();
            outcome.complete(track(e, Outcomes.classify(result, excerpt, Duration.between(start, end), end)));
        }));
        return outcome;
    }

    Request newRequest(Endpoint e, DeliveryRequest request, Instant now) {
        return newRequest(e, request.messageId(), request.payload(), now);
    }

    /**
     * Sends a synthetic, signed {@value #TEST_EVENT} event straight to an endpoint (disabled or not), outside the
     * delivery log and the failure streak; the connect-time address check still applies.
     *
     * @return the classified outcome of the one attempt
     */
    public CompletionStage<DeliveryOutcome> sendTest(Endpoint e) {
        if (!config.enabled()) {
            return CompletableFuture.completedFuture(DeliveryOutcome.failed(null, null, DISABLED_HUB_WIDE, null));
        }
        Instant start = clock.instant();
        String messageId = "test_" + Ids.next();
        String body = "{\"type\":\"" + TEST_EVENT + "\",\"timestamp\":\"" + start + "\",\"data\":{\"webhook_id\":\""
                + e.id() + "\",\"message\":\"a test event sent by an operator\"}}";
        CompletableFuture<DeliveryOutcome> outcome = new CompletableFuture<>();
        newRequest(e, messageId, body, start).send(new ExcerptListener(EXCERPT_BYTES, (result, excerpt) -> {
            Instant end = clock.instant();
            outcome.complete(Outcomes.classify(result, excerpt, Duration.between(start, end), end));
        }));
        return outcome;
    }

    private Request newRequest(Endpoint e, String messageId, String body, Instant now) {
        long ts = now.getEpochSecond();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8); // encoded once: signed twice and sent
        String signatures = e.signingSecrets(now).stream()
                .map(s -> WebhookSigner.standardSignature(s, messageId, ts, bytes))
                .collect(Collectors.joining(" "));
        Request http = (e.tlsVerify() ? verified : unverified).newRequest(e.url()).method(HttpMethod.POST)
                .timeout(config.timeoutSeconds(), TimeUnit.SECONDS)
                .content(new BytesContentProvider("application/json", bytes));
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
            http.header(h.getKey(), h.getValue());
        }
        return http.header("webhook-id", messageId).header("webhook-timestamp", Long.toString(ts))
                .header("webhook-signature", signatures)
                .header("X-Webhook-Signature", WebhookSigner.legacySignature(e.secret(), bytes));
    }

    /** Keeps the endpoint's failure streak; disables it on 410 or after failing for too long. */
    private DeliveryOutcome track(Endpoint e, DeliveryOutcome o) {
        try {
            switch (o.result()) {
                case DELIVERED -> registry.succeeded(e.id());
                case DISABLE -> registry.disable(e.id(), "the receiver answered 410 Gone");
                default -> {
                    logger.debug("Webhook {} attempt failed: {}", e.id(), o.error());
                    if (registry.failed(e.id())) {
                        return DeliveryOutcome.disable(o.statusCode(), o.duration(),
                                "auto-disabled after failing continuously: " + o.error(), o.responseExcerpt());
                    }
                }
            }
        } catch (RuntimeException x) {
            logger.warn("Could not record the state of webhook {}: {}", e.id(), x.toString());
        }
        return o;
    }
}
