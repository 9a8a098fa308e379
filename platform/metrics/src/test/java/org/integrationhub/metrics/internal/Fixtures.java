package org.integrationhub.metrics.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.api.Priority;
import org.integrationhub.api.TicketStats;
import org.integrationhub.delivery.DeliveryMetrics;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.gateway.IntegrationStats;
import org.integrationhub.security.ApiKeyInfo;
import org.integrationhub.security.ApiKeyService;
import org.integrationhub.security.CreatedApiKey;
import org.integrationhub.security.HubPrincipal;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationStatus;

/** Hand-written fakes of the services the metrics read, with known figures. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private Fixtures() {
    }

    /** 7 open (2 urgent, 5 normal), 3 overdue, 4 breached, 2 resolved in the window averaging 90 minutes (urgent). */
    static TicketStats ticketStats() {
        Map<Priority, TicketStats.Figures> by = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            by.put(p, new TicketStats.Figures(0, 0, 0, 0, null));
        }
        by.put(Priority.URGENT, new TicketStats.Figures(2, 1, 2, 2, Duration.ofMinutes(90)));
        by.put(Priority.NORMAL, new TicketStats.Figures(5, 2, 2, 0, null));
        return new TicketStats(NOW, Duration.ofMinutes(60), new TicketStats.Figures(7, 3, 4, 2, Duration.ofMinutes(90)),
                by);
    }

    /** Webhooks: 4 pending, the oldest 30 s old; 10 delivered and 2 retried on this node. */
    static final class Deliveries implements DeliveryMetrics {
        @Override
        public Map<String, Queue> queues() {
            return Map.of("webhook", new Queue(4, NOW.minusSeconds(30)));
        }

        @Override
        public Map<String, Map<Outcome, Long>> outcomes() {
            Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
            counts.put(Outcome.DELIVERED, 10L);
            counts.put(Outcome.RETRY, 2L);
            return Map.of("webhook", counts);
        }

        @Override
        public List<Minute> perMinute(int minutes) {
            return List.of(); // the dashboard's figure; GET /metrics does not read it
        }
    }

    /** One connector "jira-eng": 5 calls (4 ok, 1 communication failure), 3 under 5 ms and 1 under 100 ms, open. */
    static final class Gateway implements IntegrationGateway {
        @Override
        public List<IntegrationInfo> list() {
            Map<String, Long> buckets = new LinkedHashMap<>();
            for (long b : new long[] {1, 2, 5, 10, 25, 50, 100}) {
                buckets.put("le_" + b, 0L);
            }
            buckets.put("le_5", 3L);
            buckets.put("le_100", 1L);
            buckets.put("le_inf", 0L);
            IntegrationStats stats = new IntegrationStats(5, 4, Map.of("communication", 1L), buckets, 5, 100, 1, 6,
                    "OPEN", 72.5);
            return List.of(new IntegrationInfo("jira-eng", "jira", "1.0.0", "b", IntegrationStatus.DEGRADED,
                    "circuit open", List.of(), stats));
        }

        @Override
        public Optional<IntegrationInfo> get(String name) {
            return list().stream().filter(i -> i.name().equals(name)).findFirst();
        }

        @Override
        public ActionResult execute(String integration, String action, Map<String, Object> params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HealthResult test(String integration) {
            throw new UnsupportedOperationException();
        }
    }

    /** Knows two keys: "reader" (metrics:read) and "tickets" (tickets:read only). */
    static final class ApiKeys implements ApiKeyService {
        @Override
        public CreatedApiKey create(String name, Set<String> scopes, Integer rateLimit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ApiKeyInfo> list() {
            return List.of();
        }

        @Override
        public boolean revoke(String id) {
            return false;
        }

        @Override
        public Optional<HubPrincipal> authenticate(String presentedKey) {
            return switch (presentedKey == null ? "" : presentedKey) {
                case "reader" -> Optional.of(principal("k1", "metrics:read"));
                case "tickets" -> Optional.of(principal("k2", "tickets:read"));
                default -> Optional.empty();
            };
        }

        static HubPrincipal principal(String id, String scope) {
            return new HubPrincipal(id, id, HubPrincipal.Kind.API_KEY, Set.of(scope), null);
        }
    }
}
