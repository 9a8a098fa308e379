package org.integrationhub.webhooks.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BooleanSupplier;

import com.github.f4b6a3.ulid.UlidCreator;

import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.json.HubJson;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.internal.DeliveryEngine;
import org.integrationhub.delivery.internal.EngineConfig;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.internal.DatabaseImpl;
import org.integrationhub.persistence.testing.TestDatabases;

/** A database, the real delivery engine, and the webhook registry and sender wired to it. */
final class WebhookFixture implements AutoCloseable {

    final Database db;
    final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(4);
    final DeliveryEngine engine;
    final WebhookRegistry registry;
    final WebhookSender sender;
    final Path keyFile;

    WebhookFixture(TestDatabases.Kind kind, Map<String, Object> webhookConfig) throws Exception {
        db = new DatabaseImpl(TestDatabases.create(kind));
        engine = new DeliveryEngine(db, scheduler, Configs.of(EngineConfig.class,
                Map.of("nodeName", "test", "requiredKinds", new String[0], "pollIntervalMillis", 100L)));
        keyFile = Files.createTempDirectory("hub-wh").resolve("hub-webhook-secrets.key");
        Map<String, Object> cfg = new HashMap<>(Map.of("allowedNetworks", new String[] {"127.0.0.0/8"},
                "retryDelayMillis", 100L, "secretKeyFile", keyFile.toString()));
        cfg.putAll(webhookConfig);
        WebhookConfig config = Configs.of(WebhookConfig.class, cfg);
        registry = new WebhookRegistry(db, engine, scheduler, config, WebhookRegistry.secretBox(config),
                Clock.systemUTC());
        sender = new WebhookSender(registry, config);
        Map<String, Object> props = Map.of(DeliveryTransport.KIND_PROPERTY, WebhookRegistry.KIND);
        engine.bindSource(registry, props);
        engine.bindTransport(sender, props);
    }

    /** Writes an event to the outbox as the core does and wakes the engine as EventAdmin would. */
    HubEvent append(String ticketId, EventType type) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Ticket t = new Ticket(ticketId, "subject " + ticketId, "x".repeat(600), Priority.HIGH, TicketStatus.OPEN, null,
                new Customer("01J00000000000000000000000", "a@example.com", "A", Map.of(), now), now, now,
                now.plus(Duration.ofHours(1)), null);
        HubEvent e = new HubEvent(UlidCreator.getMonotonicUlid().toString(), 0, type, now, t, null, null, Set.of());
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_event (id, type, ticket_id,"
                    + " occurred_at, payload) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, e.id());
                ps.setString(2, type.wireName());
                ps.setString(3, ticketId);
                ps.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.setString(5, HubJson.eventJson(e));
                return ps.executeUpdate();
            }
        });
        engine.handleEvent(null);
        return e;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        engine.deactivate();
        sender.deactivate();
        registry.deactivate();
        scheduler.shutdownNow();
    }
}
