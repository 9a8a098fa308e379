package org.integrationhub.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.webhooks.internal.WebhookFixture.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.json.HubJson;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.integrationhub.webhook.verifier.WebhookSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** End to end: outbox → engine → signed POST to a loopback receiver, verified by the reference verifier. */
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private WebhookFixture fx;
    private Receiver receiver;

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private WebhookRegistry.Created endpoint(Kind kind, Map<String, Object> config) throws Exception {
        fx = new WebhookFixture(kind, config);
        receiver = new Receiver();
        return fx.registry.create(new WebhookInput(receiver.url(), List.of("*"), "test receiver", null,
                Map.of("X-Tenant", "acme"), null, null, null, null));
    }

    /** Verifies one request with com.standardwebhooks and the legacy header; returns its webhook-id. */
    private static String verify(Receiver.Received r, String... secrets) throws Exception {
        boolean verified = false;
        for (String secret : secrets) {
            try {
                new Webhook(secret).verify(r.body(), r.headers());
                verified = true;
            } catch (com.standardwebhooks.exceptions.WebhookVerificationException e) {
                // try the next secret
            }
        }
        assertThat(verified).as("standard webhooks signature").isTrue();
        assertThat(r.header("X-Webhook-Signature")).isEqualTo(WebhookSigner.legacySignature(secrets[0], r.body()));
        return r.header("webhook-id");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyDeliveryVerifiesAndEachTicketsEventsArriveInOrder(Kind kind) throws Exception {
        WebhookRegistry.Created created = endpoint(kind, Map.of());
        assertThat(created.secret()).startsWith("whsec_");
        List<HubEvent> events = new ArrayList<>();
        for (EventType type : List.of(EventType.TICKET_CREATED, EventType.COMMENT_ADDED, EventType.TICKET_RESOLVED)) {
            for (int t = 0; t < 5; t++) {
                events.add(fx.append("T" + t, type));
            }
        }
        await("all received", WAIT, () -> receiver.received.size() >= 15);
        Map<String, List<String>> typesByTicket = new HashMap<>();
        for (Receiver.Received r : receiver.received) {
            String id = verify(r, created.secret());
            JsonNode body = HubJson.mapper().readTree(r.body());
            assertThat(body.get("id").asText()).isEqualTo(id);
            assertThat(r.header("x-tenant")).isEqualTo("acme");
            assertThat(r.header("content-type")).startsWith("application/json");
            typesByTicket.computeIfAbsent(body.at("/data/ticket/id").asText(), k -> new ArrayList<>())
                    .add(body.get("type").asText());
        }
        assertThat(receiver.received).hasSize(15);
        assertThat(typesByTicket.values()).allSatisfy(types -> assertThat(types)
                .containsExactly("ticket.created", "comment.added", "ticket.resolved"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void receiverDownThenUpGetsEverythingWithStableIds(Kind kind) throws Exception {
        WebhookRegistry.Created created = endpoint(kind, Map.of("maxRetries", 10));
        int port = receiver.port();
        receiver.stop();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            ids.add(fx.append("T" + (i % 3), EventType.COMMENT_ADDED).id());
        }
        Thread.sleep(1500); // attempts fail: connection refused
        receiver.start(port);
        await("all received", WAIT, () -> receiver.received.stream().map(r -> r.header("webhook-id"))
                .collect(java.util.stream.Collectors.toSet()).containsAll(ids));
        for (Receiver.Received r : receiver.received) {
            assertThat(ids).contains(verify(r, created.secret()));
        }
        String endpointId = created.endpoint().id();
        await("all acknowledged", WAIT, () -> fx.engine.stats(WebhookRegistry.KIND, endpointId).delivered() == 10);
        assertThat(fx.registry.get(endpointId).failingSince()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBurstAboveTheEndpointsRateLimitDrainsAtThatRateWithoutSpendingAttempts(Kind kind) throws Exception {
        fx = new WebhookFixture(kind, Map.of());
        receiver = new Receiver();
        String id = fx.registry.create(new WebhookInput(receiver.url(), List.of("*"), "limited", null, null, 20, null,
                null, null)).endpoint().id();
        for (int i = 0; i < 60; i++) {
            fx.append("T" + (i % 10), EventType.COMMENT_ADDED);
        }
        // 60 events at 20/s take about 3 s; held-back deliveries rechecked as absent (every 10 s, 20 at a time)
        // took about 30 s
        await("all received at about the endpoint's rate", Duration.ofSeconds(20), () -> receiver.received.size() >= 60);
        await("all acknowledged", WAIT, () -> fx.engine.stats(WebhookRegistry.KIND, id).delivered() == 60);
        assertThat(receiver.received).hasSize(60);
        assertThat(fx.engine.stats(WebhookRegistry.KIND, id).failed()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void goneDisablesTheEndpoint(Kind kind) throws Exception {
        WebhookRegistry.Created created = endpoint(kind, Map.of());
        receiver.answer = r -> new Receiver.Answer(410, null);
        fx.append("T1", EventType.TICKET_CREATED);
        String id = created.endpoint().id();
        await("disabled", WAIT, () -> fx.registry.get(id).disabled());
        assertThat(fx.registry.get(id).disabledReason()).contains("410");
        fx.append("T1", EventType.TICKET_UPDATED);
        Thread.sleep(500);
        assertThat(receiver.received).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void retryAfterOf429IsHonoured(Kind kind) throws Exception {
        WebhookRegistry.Created created = endpoint(kind, Map.of());
        AtomicInteger n = new AtomicInteger();
        receiver.answer = r -> n.incrementAndGet() == 1 ? new Receiver.Answer(429, "2") : new Receiver.Answer(200, null);
        fx.append("T1", EventType.TICKET_CREATED);
        await("retried", WAIT, () -> receiver.received.size() == 2);
        Receiver.Received first = receiver.received.get(0);
        Receiver.Received second = receiver.received.get(1);
        assertThat(second.atMillis() - first.atMillis()).isGreaterThanOrEqualTo(1900);
        assertThat(verify(second, created.secret())).isEqualTo(verify(first, created.secret()));
        assertThat(Long.parseLong(second.header("webhook-timestamp")))
                .isGreaterThan(Long.parseLong(first.header("webhook-timestamp")));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void afterRotationBothSecretsSign(Kind kind) throws Exception {
        WebhookRegistry.Created created = endpoint(kind, Map.of());
        WebhookRegistry.Created rotated = fx.registry.rotate(created.endpoint().id());
        assertThat(rotated.secret()).isNotEqualTo(created.secret());
        fx.append("T1", EventType.TICKET_CREATED);
        await("received", WAIT, () -> receiver.received.size() == 1);
        Receiver.Received r = receiver.received.get(0);
        assertThat(r.header("webhook-signature").split(" ")).hasSize(2);
        new Webhook(created.secret()).verify(r.body(), r.headers());
        new Webhook(rotated.secret()).verify(r.body(), r.headers());
        assertThat(r.header("X-Webhook-Signature")).isEqualTo(WebhookSigner.legacySignature(rotated.secret(), r.body()));
        assertThat(fx.registry.get(created.endpoint().id()).previousSecretUntil())
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTargetThatTurnsPrivateIsRefusedAtConnectTime(Kind kind) throws Exception {
        // registered while loopback was allowed; the sender's guard (connect time) allows only public addresses
        WebhookRegistry.Created created = endpoint(kind, Map.of());
        fx.engine.unbindTransport(fx.sender, Map.of("delivery.kind", "webhook"));
        WebhookSender strict = new WebhookSender(fx.registry, Configs.of(WebhookConfig.class, Map.of()));
        try {
            fx.engine.bindTransport(strict, Map.of("delivery.kind", "webhook"));
            fx.append("T1", EventType.TICKET_CREATED);
            String id = created.endpoint().id();
            await("failed", WAIT, () -> fx.engine.stats("webhook", id).failed() == 1);
            assertThat(receiver.received).isEmpty();
            String deliveryId = fx.engine.list(new org.integrationhub.delivery.DeliveryQuery("webhook", id, null,
                    null, 10)).items().get(0).id();
            assertThat(fx.engine.attempts(deliveryId).get(0).error()).contains("target address not allowed");
        } finally {
            strict.deactivate();
        }
    }
}
