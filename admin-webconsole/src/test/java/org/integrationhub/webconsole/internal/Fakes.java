package org.integrationhub.webconsole.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.integrationhub.api.EventType;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.ValidationException;
import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryAttempt;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryPage;
import org.integrationhub.delivery.DeliveryQuery;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryStats;
import org.integrationhub.delivery.DeliveryStatus;
import org.integrationhub.gateway.GatewayException;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.oauth2.CreatedOAuthClient;
import org.integrationhub.oauth2.OAuth2Admin;
import org.integrationhub.oauth2.OAuthClientInfo;
import org.integrationhub.oauth2.SigningKeyInfo;
import org.integrationhub.security.ApiKeyInfo;
import org.integrationhub.security.ApiKeyService;
import org.integrationhub.security.CreatedApiKey;
import org.integrationhub.security.HubPrincipal;
import org.integrationhub.security.Scopes;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.webhooks.CreatedWebhook;
import org.integrationhub.webhooks.WebhookAdmin;
import org.integrationhub.webhooks.WebhookEndpointInfo;

/** Hand-written fakes of the platform services the pages call; each records the calls that change state. */
final class Fakes {

    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private Fakes() {
    }

    /** API keys kept in a list; revoke marks them. */
    static final class Keys implements ApiKeyService {
        final List<ApiKeyInfo> keys = new CopyOnWriteArrayList<>();

        @Override
        public CreatedApiKey create(String name, Set<String> scopes, Integer rateLimit) {
            if (name == null || name.isBlank()) {
                throw new ValidationException("name", "must be 1 to 100 characters");
            }
            Set<String> valid = Scopes.validate(scopes, "scopes");
            if (valid.isEmpty()) {
                throw new ValidationException("scopes", "at least one scope is required");
            }
            String id = "01NEW" + keys.size();
            ApiKeyInfo info = new ApiKeyInfo(id, name, "hub_New" + keys.size(), valid, rateLimit, T0, null, null);
            keys.add(info);
            return new CreatedApiKey("hub_NEWSECRETKEY" + keys.size() + "<&>", info);
        }

        @Override
        public List<ApiKeyInfo> list() {
            return List.copyOf(keys);
        }

        @Override
        public boolean revoke(String id) {
            for (int i = 0; i < keys.size(); i++) {
                ApiKeyInfo k = keys.get(i);
                if (k.id().equals(id) && !k.isRevoked()) {
                    keys.set(i, new ApiKeyInfo(k.id(), k.name(), k.prefix(), k.scopes(), k.rateLimit(), k.createdAt(),
                            k.lastUsedAt(), T0));
                    return true;
                }
            }
            return false;
        }

        @Override
        public Optional<HubPrincipal> authenticate(String presentedKey) {
            return Optional.empty();
        }
    }

    /** A gateway with fixed instances whose test answers a fixed health. */
    static final class Gateway implements IntegrationGateway {
        final List<IntegrationInfo> instances = new ArrayList<>();
        final List<String> tested = new CopyOnWriteArrayList<>();
        HealthResult health = HealthResult.online("auth.test ok");

        @Override
        public List<IntegrationInfo> list() {
            return instances;
        }

        @Override
        public Optional<IntegrationInfo> get(String name) {
            return instances.stream().filter(i -> i.name().equals(name)).findFirst();
        }

        @Override
        public ActionResult execute(String integration, String action, Map<String, Object> params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HealthResult test(String integration) throws GatewayException {
            if (get(integration).isEmpty()) {
                throw new GatewayException(GatewayException.Reason.UNKNOWN_INTEGRATION, "no integration " + integration);
            }
            tested.add(integration);
            return health;
        }
    }

    /** A delivery log in memory. */
    static final class Deliveries implements DeliveryService {
        final List<Delivery> items = new CopyOnWriteArrayList<>();
        final Map<String, List<DeliveryAttempt>> attempts = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> redelivered = new CopyOnWriteArrayList<>();
        final List<String> retried = new CopyOnWriteArrayList<>();
        final List<String> replays = new CopyOnWriteArrayList<>();

        static Delivery delivery(String id, String kind, String subscriber, DeliveryStatus status, String error) {
            return new Delivery(id, kind, subscriber, "EVT" + id, "ticket.created", 7, "TCK1", status, 3,
                    status == DeliveryStatus.PENDING ? T0.plusSeconds(60) : null, T0, 500, error, T0, null);
        }

        @Override
        public DeliveryPage list(DeliveryQuery q) {
            return new DeliveryPage(items.stream().filter(d -> d.kind().equals(q.kind())
                    && d.subscriberId().equals(q.subscriberId()) && (q.status() == null || d.status() == q.status()))
                    .limit(q.limit()).toList(), null);
        }

        @Override
        public Optional<Delivery> get(String deliveryId) {
            return items.stream().filter(d -> d.id().equals(deliveryId)).findFirst();
        }

        @Override
        public List<DeliveryAttempt> attempts(String deliveryId) {
            return attempts.getOrDefault(deliveryId, List.of());
        }

        @Override
        public Delivery redeliver(String deliveryId) {
            redelivered.add(deliveryId);
            return get(deliveryId).orElseThrow(() -> new NotFoundException("no delivery " + deliveryId));
        }

        @Override
        public int replay(String kind, String subscriberId, Instant since, Instant until, Set<EventType> types) {
            replays.add(kind + "/" + subscriberId + " " + since + ".." + until + " " + new java.util.TreeSet<>(types));
            return 4;
        }

        @Override
        public int retryFailed(String kind, String subscriberId) {
            retried.add(kind + "/" + subscriberId);
            return 1;
        }

        @Override
        public int resume(String kind, String subscriberId) {
            return 0;
        }

        @Override
        public int cancelPending(String kind, String subscriberId, String reason) {
            return 0;
        }

        @Override
        public DeliveryStats stats(String kind, String subscriberId) {
            List<Delivery> mine = list(new DeliveryQuery(kind, subscriberId, null, null, 500)).items();
            return new DeliveryStats(mine.stream().filter(d -> d.status() == DeliveryStatus.PENDING).count(),
                    mine.stream().filter(d -> d.status() == DeliveryStatus.DELIVERED).count(),
                    mine.stream().filter(d -> d.status() == DeliveryStatus.FAILED).count(), null);
        }

        static DeliveryAttempt attempt(String deliveryId, int n, Integer status, long millis, String error) {
            return new DeliveryAttempt("ATT" + n, deliveryId, n, T0, DeliveryOutcome.Result.RETRY, status, millis,
                    error, null, T0.plusSeconds(30));
        }
    }

    /** Webhook endpoints in memory. */
    static final class Webhooks implements WebhookAdmin {
        final List<WebhookEndpointInfo> endpoints = new CopyOnWriteArrayList<>();
        final List<String> rotations = new CopyOnWriteArrayList<>();

        @Override
        public List<WebhookEndpointInfo> list() {
            return List.copyOf(endpoints);
        }

        @Override
        public Optional<WebhookEndpointInfo> get(String id) {
            return endpoints.stream().filter(e -> e.id().equals(id)).findFirst();
        }

        @Override
        public WebhookEndpointInfo setDisabled(String id, boolean disabled) {
            WebhookEndpointInfo e = get(id).orElseThrow(() -> new NotFoundException("no webhook " + id));
            WebhookEndpointInfo changed = new WebhookEndpointInfo(e.id(), e.url(), e.description(), e.events(),
                    disabled, disabled ? "disabled by an operator" : null, null, null, e.createdAt(), T0);
            endpoints.replaceAll(x -> x.id().equals(id) ? changed : x);
            return changed;
        }

        @Override
        public CreatedWebhook create(String url, Set<String> events, String description) {
            if (url == null || !url.startsWith("http")) {
                throw new ValidationException("url", "must be an http(s) URL");
            }
            WebhookEndpointInfo e = new WebhookEndpointInfo("WH" + (endpoints.size() + 1), url, description,
                    events.isEmpty() ? Set.of("*") : events, false, null, null, null, T0, T0);
            endpoints.add(e);
            return new CreatedWebhook(e, "whsec_created" + endpoints.size());
        }

        @Override
        public CreatedWebhook rotateSecret(String id) {
            WebhookEndpointInfo e = get(id).orElseThrow(() -> new NotFoundException("no webhook " + id));
            WebhookEndpointInfo changed = new WebhookEndpointInfo(e.id(), e.url(), e.description(), e.events(),
                    e.disabled(), e.disabledReason(), e.failingSince(), T0.plusSeconds(86400), e.createdAt(), T0);
            endpoints.replaceAll(x -> x.id().equals(id) ? changed : x);
            rotations.add(id);
            return new CreatedWebhook(changed, "whsec_rotated" + rotations.size());
        }
    }

    /** OAuth2 clients and keys in memory. */
    static final class OAuth implements OAuth2Admin {
        final List<OAuthClientInfo> clients = new CopyOnWriteArrayList<>();
        final List<SigningKeyInfo> keys = new CopyOnWriteArrayList<>();

        @Override
        public List<OAuthClientInfo> clients() {
            return List.copyOf(clients);
        }

        @Override
        public boolean revokeClient(String clientId) {
            for (OAuthClientInfo c : clients) {
                if (c.id().equals(clientId) && !c.isRevoked()) {
                    clients.replaceAll(x -> x.id().equals(clientId) ? new OAuthClientInfo(x.id(), x.name(),
                            x.publicClient(), x.grantTypes(), x.redirectUris(), x.scopes(), x.createdAt(), T0) : x);
                    return true;
                }
            }
            return false;
        }

        @Override
        public CreatedOAuthClient createClient(String name, Set<String> grants, List<String> redirectUris,
                Set<String> scopes, boolean publicClient) {
            if (name == null || name.isBlank() || grants.isEmpty()) {
                throw new ValidationException(List.of(new ValidationException.FieldError("name", "must be 1 to 100 characters"),
                        new ValidationException.FieldError("grant", "at least one grant")));
            }
            OAuthClientInfo c = new OAuthClientInfo("CL" + (clients.size() + 1), name, publicClient, grants,
                    redirectUris, Scopes.validate(scopes, "scope"), T0, null);
            clients.add(c);
            return new CreatedOAuthClient(c, publicClient ? null : "client-secret-" + clients.size());
        }

        @Override
        public Optional<String> rotateClientSecret(String clientId) {
            return clients.stream().filter(c -> c.id().equals(clientId) && !c.isRevoked() && !c.publicClient())
                    .findFirst().map(c -> "rotated-secret-" + c.id());
        }

        @Override
        public List<SigningKeyInfo> signingKeys() {
            return List.copyOf(keys);
        }

        @Override
        public String rotateSigningKey() {
            String kid = "KID" + (keys.size() + 1);
            keys.replaceAll(k -> new SigningKeyInfo(k.kid(), k.algorithm(), k.createdAt(), T0, T0.plusSeconds(660)));
            keys.add(0, new SigningKeyInfo(kid, "RS256", T0, null, null));
            return kid;
        }
    }
}
