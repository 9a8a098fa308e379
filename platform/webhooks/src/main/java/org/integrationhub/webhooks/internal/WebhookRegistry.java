package org.integrationhub.webhooks.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.SubscriptionSource;
import org.integrationhub.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook endpoints: registration, secrets and their rotation, enable/disable, and the {@link SubscriptionSource}
 * of kind {@value #KIND}. Endpoints are cached in memory and reloaded every 10 s (other nodes' changes).
 */
@Component(service = {WebhookRegistry.class, SubscriptionSource.class}, configurationPid = WebhookRegistry.PID,
        property = DeliveryTransport.KIND_PROPERTY + "=" + WebhookRegistry.KIND)
@Designate(ocd = WebhookConfig.class)
public class WebhookRegistry implements SubscriptionSource {

    static final String PID = "org.integrationhub.webhooks";
    static final String KIND = "webhook";
    /** EventAdmin topic posted when an endpoint is disabled by the hub (410 Gone, or failing for too long). */
    static final String DISABLED_TOPIC = "org/integrationhub/webhook/disabled";

    private final Logger logger = LoggerFactory.getLogger(WebhookRegistry.class);
    private final WebhookStore store;
    private final WebhookValidator validator;
    private final DeliveryService deliveries;
    private final WebhookConfig config;
    private final Clock clock;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> refresh;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    @Activate
    public WebhookRegistry(@Reference Database db, @Reference DeliveryService deliveries,
            @Reference(target = "(hub.scheduler=shared)") ScheduledExecutorService scheduler, WebhookConfig config)
            throws IOException {
        this(db, deliveries, scheduler, config, secretBox(config), Clock.systemUTC());
    }

    WebhookRegistry(Database db, DeliveryService deliveries, ScheduledExecutorService scheduler, WebhookConfig config,
            SecretBox box, Clock clock) {
        this.store = new WebhookStore(db, box);
        this.validator = new WebhookValidator(new SsrfGuard(List.of(config.allowedNetworks())));
        this.deliveries = deliveries;
        this.config = config;
        this.clock = clock;
        reload();
        refresh = scheduler.scheduleWithFixedDelay(this::reloadQuietly, 10, 10, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        refresh.cancel(false);
    }

    static SecretBox secretBox(WebhookConfig config) throws IOException {
        String key = config.secretKey().isBlank() ? System.getenv("HUB_WEBHOOK_SECRET_KEY") : config.secretKey();
        if (key != null && !key.isBlank()) {
            return new SecretBox(Base64.getDecoder().decode(key.trim()));
        }
        String file = config.secretKeyFile().isBlank()
                ? System.getProperty("karaf.etc", "etc") + "/hub-webhook-secrets.key" : config.secretKeyFile();
        return SecretBox.fromFile(Path.of(file));
    }

    @Override
    public List<String> subscribersFor(HubEvent event) {
        return subscribersForType(event.type());
    }

    /** An endpoint subscribes to event types: its filter is the type alone. */
    @Override
    public List<String> subscribersForType(EventType eventType) {
        String type = eventType.wireName();
        List<String> ids = new ArrayList<>(2);
        for (Endpoint e : endpoints.values()) {
            if (e.wants(type)) {
                ids.add(e.id());
            }
        }
        return ids;
    }

    /** @return the endpoint and its secret (the only time the secret is shown) */
    public Created create(WebhookInput in) {
        validator.validate(in, true);
        Instant now = clock.instant();
        String secret = in.secret() != null ? in.secret() : SecretBox.newSecret(config.secretBytes());
        Endpoint e = new Endpoint(Ids.next(), in.url(), in.description(), WebhookValidator.events(in.events()), secret,
                null, null, in.headers(), in.rateLimit() == null || in.rateLimit() == 0 ? null : in.rateLimit(),
                in.tlsVerify() == null ? config.verifySsl() : in.tlsVerify(),
                in.retrySchedule() == null ? config.retrySchedule() : in.retrySchedule(), false, null, null, now, now);
        store.insert(e);
        endpoints.put(e.id(), e);
        if (!e.tlsVerify()) {
            logger.warn("Webhook {} is registered with TLS certificate verification OFF", e.id());
        }
        return new Created(e, secret);
    }

    public Collection<Endpoint> list() {
        return endpoints.values().stream().sorted(java.util.Comparator.comparing(Endpoint::id)).toList();
    }

    public Optional<Endpoint> find(String id) {
        return Optional.ofNullable(endpoints.get(id));
    }

    public Endpoint get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("no webhook " + id));
    }

    public synchronized Endpoint update(String id, WebhookInput in) {
        Endpoint old = get(id);
        validator.validate(in, false);
        boolean disabled = in.disabled() == null ? old.disabled() : in.disabled();
        Endpoint e = new Endpoint(id, in.url() == null ? old.url() : in.url(),
                in.description() == null ? old.description() : in.description(),
                in.events() == null ? old.events() : WebhookValidator.events(in.events()), old.secret(),
                old.previousSecret(), old.previousSecretUntil(), in.headers() == null ? old.headers() : in.headers(),
                in.rateLimit() == null ? old.rateLimit() : in.rateLimit() == 0 ? null : in.rateLimit(),
                in.tlsVerify() == null ? old.tlsVerify() : in.tlsVerify(),
                in.retrySchedule() == null ? old.retrySchedule() : in.retrySchedule(), disabled,
                disabled ? (old.disabled() ? old.disabledReason() : "disabled by an operator") : null,
                disabled ? old.failingSince() : null, old.createdAt(), clock.instant());
        store.update(e);
        endpoints.put(id, e);
        if (disabled && !old.disabled()) {
            deliveries.cancelPending(KIND, id, "endpoint disabled");
        }
        return e;
    }

    public void delete(String id) {
        get(id);
        store.delete(id);
        endpoints.remove(id);
        deliveries.cancelPending(KIND, id, "endpoint deleted");
    }

    /** @return the new secret; the old one signs alongside for the configured overlap */
    public synchronized Created rotate(String id) {
        Endpoint old = get(id);
        Instant now = clock.instant();
        String secret = SecretBox.newSecret(config.secretBytes());
        Endpoint e = new Endpoint(id, old.url(), old.description(), old.events(), secret, old.secret(),
                now.plus(Duration.ofHours(config.rotationOverlapHours())), old.headers(), old.rateLimit(),
                old.tlsVerify(), old.retrySchedule(), old.disabled(), old.disabledReason(), old.failingSince(),
                old.createdAt(), now);
        store.update(e);
        endpoints.put(id, e);
        return new Created(e, secret);
    }

    /** Notes a successful attempt (ends a failing streak). */
    void succeeded(String id) {
        Endpoint e = endpoints.get(id);
        if (e != null && e.failingSince() != null) {
            save(e.withFailingSince(null));
        }
    }

    /** Notes a failed attempt. @return true if the endpoint has now failed for too long and was disabled */
    synchronized boolean failed(String id) {
        Endpoint e = endpoints.get(id);
        if (e == null || e.disabled()) {
            return false;
        }
        Instant now = clock.instant();
        if (e.failingSince() == null) {
            save(e.withFailingSince(now));
            return false;
        }
        Duration failing = Duration.between(e.failingSince(), now);
        if (failing.compareTo(Duration.ofHours(config.autoDisableAfterHours())) < 0) {
            return false;
        }
        disable(id, "every attempt failed for " + failing.toHours() + " h");
        return true;
    }

    /** Disables an endpoint (HTTP 410, or failing for too long). */
    synchronized void disable(String id, String reason) {
        Endpoint e = endpoints.get(id);
        if (e != null && !e.disabled()) {
            save(e.withDisabled(true, reason, clock.instant()));
            String host = String.valueOf(java.net.URI.create(e.url()).getHost());
            logger.error("Webhook {} (host {}) disabled: {}. Re-enable it with PATCH {\"disabled\":false} once the "
                    + "receiver works.", id, host, reason);
            EventAdmin events = eventAdmin;
            if (events != null) {
                events.postEvent(new Event(DISABLED_TOPIC, Map.of("webhook.id", id, "webhook.host", host,
                        "reason", reason)));
            }
        }
    }

    private void save(Endpoint e) {
        store.update(e);
        endpoints.put(e.id(), e);
    }

    private void reload() {
        Map<String, Endpoint> fresh = new java.util.HashMap<>();
        store.all().forEach(e -> fresh.put(e.id(), e));
        endpoints.keySet().retainAll(fresh.keySet());
        endpoints.putAll(fresh);
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            logger.warn("Could not reload webhook endpoints: {}", e.toString());
        }
    }

    /** An endpoint with its newly generated or rotated secret. */
    public record Created(Endpoint endpoint, String secret) {
    }
}
