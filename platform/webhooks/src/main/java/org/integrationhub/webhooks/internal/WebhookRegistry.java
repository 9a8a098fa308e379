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
import java.util.function.UnaryOperator;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.SubscriptionSource;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;
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
 * of kind {@value #KIND}. Endpoints are cached in memory; the cache is reloaded when the endpoints' version in the
 * database has moved (checked before every relay batch: {@link #prepareBatch()}, so a change made on another node
 * applies to every event committed after it) and every 10 s as a safety net.
 */
@Component(service = {WebhookRegistry.class, SubscriptionSource.class}, configurationPid = WebhookRegistry.PID,
        property = DeliveryTransport.KIND_PROPERTY + "=" + WebhookRegistry.KIND)
@Designate(ocd = WebhookConfig.class)
public class WebhookRegistry implements SubscriptionSource {

    static final String PID = "org.integrationhub.webhooks";
    static final String KIND = "webhook";
    /** How often a change is re-applied when the endpoint changed under it (another node's change). */
    private static final int MAX_CHANGE_TRIES = 5;
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
    /** The endpoints' version the cache holds (read before the reload that filled it). */
    private volatile long cachedVersion = -1;
    private final Object reloading = new Object();

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
        Instant now = now();
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

    /** @return every endpoint, as the database holds them now (reloaded first if another node changed one) */
    public Collection<Endpoint> list() {
        fresh();
        return endpoints.values().stream().sorted(java.util.Comparator.comparing(Endpoint::id)).toList();
    }

    /** @return the endpoint as the database holds it now (for the API, shell and console) */
    public Optional<Endpoint> find(String id) {
        fresh();
        return cached(id);
    }

    /** @return the endpoint from this node's cache, without a database read (for the delivery path) */
    Optional<Endpoint> cached(String id) {
        return Optional.ofNullable(endpoints.get(id));
    }

    public Endpoint get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("no webhook " + id));
    }

    /**
     * Applies a change to an endpoint's current version: reads it (fresh), builds the new one, and writes it only if
     * nobody changed it meanwhile (on any node); otherwise reads again and re-applies, a few times.
     *
     * @return the endpoint written
     * @throws NotFoundException if it does not exist
     * @throws ConflictException if it kept changing under this change
     */
    private Endpoint change(String id, UnaryOperator<Endpoint> how) {
        for (int i = 0; i < MAX_CHANGE_TRIES; i++) {
            Endpoint old = get(id);
            Endpoint e = how.apply(old);
            if (store.update(e, old.updatedAt())) {
                endpoints.put(id, e);
                return e;
            }
            reload();
        }
        throw new ConflictException("webhook " + id + " was changed concurrently; try again");
    }

    public synchronized Endpoint update(String id, WebhookInput in) {
        get(id);
        validator.validate(in, false);
        Endpoint[] before = new Endpoint[1];
        Endpoint e = change(id, old -> {
            before[0] = old;
            return updated(old, in);
        });
        if (e.disabled() && !before[0].disabled()) {
            deliveries.cancelPending(KIND, id, "endpoint disabled");
        }
        return e;
    }

    private Endpoint updated(Endpoint old, WebhookInput in) {
        boolean disabled = in.disabled() == null ? old.disabled() : in.disabled();
        return new Endpoint(old.id(), in.url() == null ? old.url() : in.url(),
                in.description() == null ? old.description() : in.description(),
                in.events() == null ? old.events() : WebhookValidator.events(in.events()), old.secret(),
                old.previousSecret(), old.previousSecretUntil(), in.headers() == null ? old.headers() : in.headers(),
                in.rateLimit() == null ? old.rateLimit() : in.rateLimit() == 0 ? null : in.rateLimit(),
                in.tlsVerify() == null ? old.tlsVerify() : in.tlsVerify(),
                in.retrySchedule() == null ? old.retrySchedule() : in.retrySchedule(), disabled,
                disabled ? (old.disabled() ? old.disabledReason() : "disabled by an operator") : null,
                disabled ? old.failingSince() : null, old.createdAt(), now());
    }

    public void delete(String id) {
        get(id);
        store.delete(id);
        endpoints.remove(id);
        deliveries.cancelPending(KIND, id, "endpoint deleted");
    }

    /** @return the new secret; the old one signs alongside for the configured overlap */
    public synchronized Created rotate(String id) {
        String secret = SecretBox.newSecret(config.secretBytes());
        Endpoint e = change(id, old -> {
            Instant now = now();
            return new Endpoint(id, old.url(), old.description(), old.events(), secret, old.secret(),
                    now.plus(Duration.ofHours(config.rotationOverlapHours())), old.headers(), old.rateLimit(),
                    old.tlsVerify(), old.retrySchedule(), old.disabled(), old.disabledReason(), old.failingSince(),
                    old.createdAt(), now);
        });
        return new Created(e, secret);
    }

    /** Notes a successful attempt (ends a failing streak). */
    void succeeded(String id) {
        Endpoint e = endpoints.get(id);
        if (e != null && e.failingSince() != null) {
            save(e, e.withFailingSince(null));
        }
    }

    /** Notes a failed attempt. @return true if the endpoint has now failed for too long and was disabled */
    synchronized boolean failed(String id) {
        Endpoint e = endpoints.get(id);
        if (e == null || e.disabled()) {
            return false;
        }
        Instant now = now();
        if (e.failingSince() == null) {
            save(e, e.withFailingSince(now));
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
        if (e != null && !e.disabled() && save(e, e.withDisabled(true, reason, now()))) {
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

    /**
     * Writes a change the delivery path made to its cached copy (failing streak, disabling), unless another node
     * changed the endpoint since: then the cache is reloaded and the change dropped (the next attempt's outcome
     * notes it again).
     *
     * @return whether it was written
     */
    private boolean save(Endpoint old, Endpoint e) {
        if (store.update(e, old.updatedAt())) {
            endpoints.put(e.id(), e);
            return true;
        }
        reload();
        return false;
    }

    /** @return now, at the database's precision: a cached endpoint's times equal those of its row */
    private Instant now() {
        return clock.instant().truncatedTo(Jdbc.PRECISION);
    }

    /** Reloads the cache if the endpoints changed (on any node) since it was filled. */
    private void fresh() {
        if (store.version() != cachedVersion) {
            reload();
        }
    }

    /** Reloads the cache when another node (or this one) changed the endpoints since it was filled. */
    @Override
    public void prepareBatch() {
        fresh();
    }

    /**
     * Fills the cache from the database. Its own lock, not the registry's: the relay calls this inside its transaction
     * and must never wait for an operator's change (which holds the registry's lock while it writes); a reload only
     * reads, so it cannot wait for a database lock itself.
     */
    private void reload() {
        synchronized (reloading) {
            long version = store.version(); // before the read: a change made during it is seen at the next check
            Map<String, Endpoint> fresh = new java.util.HashMap<>();
            store.all().forEach(e -> fresh.put(e.id(), e));
            endpoints.keySet().retainAll(fresh.keySet());
            endpoints.putAll(fresh);
            cachedVersion = version;
        }
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
