package org.integrationhub.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.integrationhub.persistence.internal.DatabaseImpl;
import org.integrationhub.persistence.testing.MutableClock;
import org.integrationhub.persistence.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** An endpoint failing for the configured period is disabled once, with an EventAdmin event; success resets it. */
class WebhookAutoDisableTest {

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private WebhookRegistry registry;

    @BeforeEach
    void setUp() {
        WebhookConfig config = Configs.of(WebhookConfig.class, Map.of("allowedNetworks",
                new String[] {"127.0.0.0/8"}, "autoDisableAfterHours", 120L));
        registry = new WebhookRegistry(new DatabaseImpl(TestDatabases.create(TestDatabases.Kind.H2)), null, scheduler,
                config, new SecretBox(new byte[32]), clock);
        registry.eventAdmin = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                events.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                events.add(event);
            }
        };
    }

    @AfterEach
    void tearDown() {
        registry.deactivate();
        scheduler.shutdownNow();
    }

    private String endpoint() {
        return registry.create(new WebhookInput("http://127.0.0.1:9/hook", List.of("*"), null, null, null, null, null,
                null, null)).endpoint().id();
    }

    @Test
    void failingForTheWholePeriodDisablesOnceAndPostsAnEvent() {
        String id = endpoint();
        assertThat(registry.failed(id)).isFalse(); // the streak starts
        clock.advance(Duration.ofHours(119));
        assertThat(registry.failed(id)).isFalse();
        assertThat(registry.get(id).disabled()).isFalse();
        clock.advance(Duration.ofHours(2));

        assertThat(registry.failed(id)).isTrue();

        assertThat(registry.get(id).disabled()).isTrue();
        assertThat(registry.get(id).disabledReason()).isEqualTo("every attempt failed for 121 h");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getTopic()).isEqualTo("org/integrationhub/webhook/disabled");
            assertThat(e.getProperty("webhook.id")).isEqualTo(id);
            assertThat(e.getProperty("webhook.host")).isEqualTo("127.0.0.1");
            assertThat(e.getProperty("reason")).isEqualTo("every attempt failed for 121 h");
        });
        assertThat(registry.failed(id)).isFalse(); // already disabled: no second event
        assertThat(events).hasSize(1);
    }

    @Test
    void aSuccessEndsTheStreak() {
        String id = endpoint();
        registry.failed(id);
        clock.advance(Duration.ofHours(100));
        registry.succeeded(id);
        clock.advance(Duration.ofHours(100));
        assertThat(registry.failed(id)).isFalse();
        clock.advance(Duration.ofHours(100));
        assertThat(registry.failed(id)).isFalse();
        assertThat(registry.get(id).disabled()).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void goneAlsoPostsTheEvent() {
        String id = endpoint();
        registry.disable(id, "the receiver answered 410 Gone");
        registry.disable(id, "the receiver answered 410 Gone");
        assertThat(events).singleElement().satisfies(e ->
                assertThat(e.getProperty("reason")).isEqualTo("the receiver answered 410 Gone"));
    }
}
