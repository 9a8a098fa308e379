package org.integrationhub.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.delivery.DeliveryOutcome.Result;
import org.integrationhub.delivery.DeliveryRequest;
import org.integrationhub.gateway.GatewayException;
import org.integrationhub.gateway.GatewayException.Reason;
import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.gateway.internal.shell.IntegrationListCommand;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.VendorQuota;
import org.junit.jupiter.api.Test;

/** Subscriptions read from configurations, and the transport's classification of gateway outcomes. */
class EventRoutingTest {

    static HubEvent event(EventType type, Priority priority) {
        Instant now = Instant.now();
        Ticket t = new Ticket("01T", "s", "", priority, TicketStatus.OPEN, null,
                new Customer("01C", "c@example.com", "C", Map.of(), now), now, now, now, null);
        return new HubEvent("01E", 1, type, now, t, null, null, Set.of());
    }

    private static Map.Entry<String, Dictionary<String, ?>> config(String factory, Object... kv) {
        Hashtable<String, Object> p = new Hashtable<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return new AbstractMap.SimpleEntry<>(factory, p);
    }

    @Test
    void subscriptionsFilterByEventTypeAndMinimumPriority() {
        Map<String, ConfiguredInstances.Instance> instances = Subscriptions.read(List.of(
                config("org.x.notify", "integration.name", "all", "integration.events", new String[] {"*"}),
                config("org.x.notify", "integration.name", "urgent-created", "integration.events",
                        "ticket.created, comment.added", "integration.min.priority", "urgent"),
                config("org.x.notify", "integration.name", "none", "integration.events", ""),
                config("org.x.notify", "integration.name", "Bad Name!", "integration.events", "*")));
        assertThat(instances).containsOnlyKeys("all", "urgent-created", "none");
        assertThat(instances.get("all").type()).isEqualTo("org.x.notify");
        assertThat(instances.get("all").factoryPid()).isEqualTo("org.x.notify");
        assertThat(Subscriptions.match(instances, event(EventType.TICKET_CREATED, Priority.URGENT)))
                .containsExactlyInAnyOrder("all", "urgent-created");
        assertThat(Subscriptions.match(instances, event(EventType.TICKET_CREATED, Priority.HIGH))).containsExactly("all");
        assertThat(Subscriptions.match(instances, event(EventType.TICKET_CLOSED, Priority.URGENT))).containsExactly("all");
    }

    @Test
    void aMissingKeyTakesItsDocumentedDefaultAndAnEmptyOneSubscribesToNothing() {
        Map<String, ConfiguredInstances.Instance> instances = Subscriptions.read(List.of(
                config("org.x.notify", "integration.name", "defaults"),
                config("org.x.notify", "integration.name", "silent", "integration.events", ""),
                config("org.x.notify", "integration.name", "silent-array", "integration.events", new String[0]),
                config("org.x.notify", "integration.name", "blank-priority", "integration.min.priority", " "),
                config("org.x.notify", "integration.name", "bad-priority", "integration.min.priority", "asap")));
        assertThat(instances.get("defaults").events()).containsExactly("*");
        assertThat(instances.get("defaults").minPriority()).isNull();
        assertThat(instances.get("silent").events()).isEmpty();
        assertThat(instances.get("silent-array").events()).isEmpty();
        assertThat(instances.get("blank-priority").minPriority()).isNull();
        assertThat(instances.get("bad-priority").minPriority()).as("an invalid value falls back to the default").isNull();
        for (EventType type : EventType.values()) {
            if (type.isTicketEvent()) {
                assertThat(Subscriptions.match(instances, event(type, Priority.LOW)))
                        .containsExactlyInAnyOrder("defaults", "blank-priority", "bad-priority");
            }
        }
    }

    @Test
    void customerEventsReachOnlyTheInstancesThatListThem() {
        Map<String, ConfiguredInstances.Instance> instances = Subscriptions.read(List.of(
                config("org.x.notify", "integration.name", "defaults"),
                config("org.x.notify", "integration.name", "star", "integration.events", "*"),
                config("org.x.notify", "integration.name", "crm", "integration.events",
                        "ticket.created customer.updated", "integration.min.priority", "urgent"),
                config("org.x.notify", "integration.name", "silent", "integration.events", "")));
        Instant now = Instant.now();
        HubEvent changed = new HubEvent("01E", 2, EventType.CUSTOMER_UPDATED, now, null, null, null, Set.of("company"),
                new Customer("01C", "c@example.com", "C", "Acme", null, Map.of(), Map.of(), now, now));
        assertThat(Subscriptions.match(instances, changed)).as("* is every ticket event; no priority applies")
                .containsExactly("crm");
        assertThat(Subscriptions.match(instances, event(EventType.TICKET_CREATED, Priority.LOW)))
                .containsExactlyInAnyOrder("defaults", "star");
    }

    @Test
    void theListingShowsWhatEachInstanceReceives() {
        Map<String, ConfiguredInstances.Instance> configured = Subscriptions.read(List.of(
                config("org.x.notify", "integration.name", "defaults"),
                config("org.x.notify", "integration.name", "silent", "integration.events", ""),
                config("org.x.notify", "integration.name", "some", "integration.events",
                        "ticket.created comment.added", "integration.min.priority", "HIGH")));
        IntegrationRegistry registry = new IntegrationRegistry(new Deadlines());
        registry.add(new FakeConnector("silent", VendorQuota.UNLIMITED), "test/1");
        registry.add(new FakeConnector("unconfigured", VendorQuota.UNLIMITED), "test/1");
        Map<String, IntegrationInfo> listed = new java.util.TreeMap<>();
        new Gateway(registry, () -> configured, () -> null).list().forEach(i -> listed.put(i.name(), i));

        assertThat(listed.get("defaults").events()).containsExactly("*");
        assertThat(listed.get("defaults").receivesEvents()).isTrue();
        assertThat(listed.get("silent").events()).isEmpty();
        assertThat(listed.get("silent").receivesEvents()).isFalse();
        assertThat(listed.get("some").events()).containsExactly("comment.added", "ticket.created");
        assertThat(listed.get("some").minPriority()).isEqualTo("high");
        assertThat(listed.get("unconfigured").events()).as("nothing is routed without a configuration").isEmpty();
        assertThat(IntegrationListCommand.receives(listed.get("defaults"))).isEqualTo("all ticket events");
        assertThat(IntegrationListCommand.receives(listed.get("silent"))).isEqualTo("receives no events");
        assertThat(IntegrationListCommand.receives(listed.get("some"))).isEqualTo("comment.added ticket.created (high+)");
    }

    @Test
    void anInstanceWhoseConnectorIsAbsentIsListedWithItsTypeNotItsFactoryPid() {
        // CONTRACT "Connector instances": factory configuration org.integrationhub.connector.<type>;
        // "Integrations": GET /api/v1/integrations lists each instance's type
        Map<String, ConfiguredInstances.Instance> configured = Subscriptions.read(List.of(
                config("org.integrationhub.connector.slack", "integration.name", "support"),
                config("org.integrationhub.connector.fakepid", "integration.name", "ops"),
                config("org.integrationhub.connector.fakepid", "integration.name", "ops-2"),
                config("org.x.notify", "integration.name", "foreign"),
                config("org.x.notify", "integration.name", "typed", "integration.type", "notify")));
        IntegrationRegistry registry = new IntegrationRegistry(new Deadlines());
        FakeConnector ops = new FakeConnector("ops", VendorQuota.UNLIMITED); // type "fake", PID not named after it
        registry.add(ops, "test/1", "org.integrationhub.connector.fakepid");
        Gateway gateway = new Gateway(registry, () -> configured, () -> null);

        assertThat(gateway.get("support").orElseThrow().type()).as("never seen running").isEqualTo("slack");
        assertThat(gateway.get("ops-2").orElseThrow().type()).as("as its running sibling shows it").isEqualTo("fake");
        registry.remove(ops);
        assertThat(gateway.get("ops").orElseThrow().type()).as("while its bundle is replaced").isEqualTo("fake");
        assertThat(gateway.get("ops").orElseThrow().status().name()).isEqualTo("OFFLINE");
        assertThat(gateway.get("foreign").orElseThrow().type()).isEqualTo("org.x.notify");
        assertThat(gateway.get("typed").orElseThrow().type()).isEqualTo("notify");
    }

    private static DeliveryRequest request() {
        HubEvent e = event(EventType.TICKET_CREATED, Priority.NORMAL);
        return new DeliveryRequest("01D", "integration", "ops", e.id(), e, "{}", 1);
    }

    private static Result outcome(GatewayException e) {
        return new IntegrationTransport((name, ev) -> {
            throw e;
        }, Runnable::run).attempt(request()).result();
    }

    @Test
    void transportClassifiesGatewayOutcomes() {
        assertThat(new IntegrationTransport((n, e) -> { }, Runnable::run).attempt(request()).result())
                .isEqualTo(Result.DELIVERED);
        assertThat(outcome(new GatewayException(Reason.UNAVAILABLE, "away"))).isEqualTo(Result.SUBSCRIBER_ABSENT);
        assertThat(outcome(new GatewayException(Reason.UNKNOWN_INTEGRATION, "never seen"))).isEqualTo(Result.SUBSCRIBER_ABSENT);
        assertThat(outcome(new GatewayException(Reason.CIRCUIT_OPEN, "open"))).isEqualTo(Result.SUBSCRIBER_ABSENT);
        assertThat(outcome(new GatewayException(Reason.RATE_LIMITED, "local quota"))).isEqualTo(Result.THROTTLED);
        assertThat(outcome(new GatewayException(Reason.BULKHEAD_FULL, "busy"))).isEqualTo(Result.THROTTLED);
        assertThat(outcome(new GatewayException(Reason.RATE_LIMITED, "remote 429", ErrorCategory.RATE_LIMITED,
                Duration.ofSeconds(3), null))).isEqualTo(Result.RETRY);
        assertThat(outcome(new GatewayException(Reason.TIMEOUT, "slow"))).isEqualTo(Result.RETRY);
        assertThat(outcome(new GatewayException(Reason.REMOTE_FAILURE, "5xx", ErrorCategory.COMMUNICATION, null, null)))
                .isEqualTo(Result.RETRY);
        assertThat(outcome(new GatewayException(Reason.REMOTE_FAILURE, "401", ErrorCategory.AUTHENTICATION, null, null)))
                .isEqualTo(Result.FAILED);
        assertThat(outcome(new GatewayException(Reason.BAD_REQUEST, "400", ErrorCategory.CONFIGURATION, null, null)))
                .isEqualTo(Result.FAILED);
    }

    @Test
    void aStoredEventThatCannotBeReadFailsItsDeliveryWithoutCallingTheConnector() {
        DeliveryRequest unreadable = new DeliveryRequest("01D", "integration", "ops", "01E", 9,
                EventType.TICKET_CREATED, "01T", () -> {
                    throw new IllegalArgumentException("malformed event JSON: no data");
                }, "{\"type\":\"ticket.created\"}", 1);
        var outcome = new IntegrationTransport((n, e) -> {
            throw new AssertionError("the connector was called");
        }, Runnable::run).attempt(unreadable);
        assertThat(outcome.result()).isEqualTo(Result.FAILED);
        assertThat(outcome.error()).isEqualTo("the stored event cannot be read: malformed event JSON: no data");
    }

    @Test
    void eventsGoThroughTheConnectorWithoutGatewayRetryAndWaitWhileItIsAbsent() throws Exception {
        IntegrationRegistry registry = new IntegrationRegistry(new Deadlines());
        Gateway gateway = new Gateway(registry, () -> Map.of("ops",
                new ConfiguredInstances.Instance("ops", "fake", "org.x.fake", Set.of("*"), null)), () -> null);
        GatewayException absent = org.assertj.core.api.Assertions.catchThrowableOfType(GatewayException.class,
                () -> gateway.deliver("ops", event(EventType.TICKET_CREATED, Priority.LOW)));
        assertThat(absent.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(gateway.get("ops").orElseThrow().status().name()).isEqualTo("OFFLINE");

        FakeConnector c = new FakeConnector("ops", VendorQuota.UNLIMITED).then(FakeConnector.fail(ErrorCategory.COMMUNICATION));
        registry.add(c, "test/1");
        GatewayException failed = org.assertj.core.api.Assertions.catchThrowableOfType(GatewayException.class,
                () -> gateway.deliver("ops", event(EventType.TICKET_CREATED, Priority.LOW)));
        assertThat(failed.reason()).isEqualTo(Reason.REMOTE_FAILURE);
        assertThat(c.calls).hasValue(1);
        gateway.deliver("ops", event(EventType.TICKET_CREATED, Priority.LOW));
        assertThat(c.events).hasSize(1);
        registry.remove(c);
        assertThat(gateway.list()).extracting(i -> i.name()).containsExactly("ops");
    }

    @Test
    void secretsResolveFromTheEnvironment() {
        Map<String, String> env = Map.of("TOKEN", "t0k");
        assertThat(IntegrationContextImpl.resolve("env:TOKEN", env::get)).isEqualTo("t0k");
        assertThat(IntegrationContextImpl.resolve("${env:TOKEN}", env::get)).isEqualTo("t0k");
        assertThat(IntegrationContextImpl.resolve("${env:MISSING}", env::get)).isEmpty();
        assertThat(IntegrationContextImpl.resolve("plain", env::get)).isEqualTo("plain");
        assertThat(IntegrationContextImpl.resolve(null, env::get)).isEmpty();
    }
}
