package org.integrationhub.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.integrationhub.api.Priority;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStats;
import org.integrationhub.delivery.DeliveryMetrics;
import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.gateway.IntegrationStats;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.webhooks.WebhookEndpointInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard over HTTP: ticket figures, per-minute charts from the delivery log, what is worth a look, caching. */
class DashboardPluginTest {

    private static final Instant NOW = Instant.parse("2026-03-04T10:30:20Z");
    private final AtomicInteger statsCalls = new AtomicInteger();
    private final Fakes.Gateway gateway = new Fakes.Gateway();
    /** The log's last 30 minutes as the engine reads them: 10:01 to 10:30. */
    private final List<DeliveryMetrics.Minute> minutes = new java.util.ArrayList<>();
    private final AtomicInteger logReads = new AtomicInteger();
    private final DeliveryMetrics deliveries = new DeliveryMetrics() {
        @Override
        public Map<String, Queue> queues() {
            return Map.of();
        }

        @Override
        public Map<String, Map<Outcome, Long>> outcomes() {
            return Map.of();
        }

        @Override
        public List<Minute> perMinute(int count) {
            logReads.incrementAndGet();
            assertThat(count).isEqualTo(DashboardData.MINUTES);
            return minutes;
        }
    };
    private final Fakes.Webhooks webhooks = new Fakes.Webhooks();
    private final DashboardPlugin plugin = new DashboardPlugin();
    private Instant now = NOW;
    private FakeConsole console;

    @BeforeEach
    void start() throws Exception {
        Map<Priority, TicketStats.Figures> byPriority = new EnumMap<>(Priority.class);
        byPriority.put(Priority.LOW, new TicketStats.Figures(1, 0, 0, 0, null));
        byPriority.put(Priority.NORMAL, new TicketStats.Figures(3, 1, 2, 1, Duration.ofMinutes(30)));
        byPriority.put(Priority.HIGH, new TicketStats.Figures(2, 1, 1, 1, Duration.ofMinutes(12)));
        byPriority.put(Priority.URGENT, new TicketStats.Figures(1, 1, 1, 0, null));
        TicketStats stats = new TicketStats(NOW, Duration.ofMinutes(60), new TicketStats.Figures(7, 3, 4, 2,
                Duration.ofSeconds(21 * 60 + 30)), byPriority);
        plugin.tickets = (TicketService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TicketService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("stats")) {
                        statsCalls.incrementAndGet();
                        return stats;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        gateway.instances.add(new IntegrationInfo("jira-<eng>", "jira", "0.1.0", "b", IntegrationStatus.DEGRADED,
                "HTTP 503", List.of(), new IntegrationStats(10, 6, Map.of("communication", 4L), Map.of(), 80, 2500, 0,
                        2, "OPEN"), List.of("*"), null));
        gateway.instances.add(new IntegrationInfo("fine", "slack", "0.1.0", "b", IntegrationStatus.ONLINE, "ok",
                List.of(), new IntegrationStats(5, 5, Map.of(), Map.of(), 10, 20, 0, 0, "CLOSED"), List.of("*"), null));
        webhooks.endpoints.add(new WebhookEndpointInfo("WH1", "https://ok.example.com/h", null, Set.of("*"), false, null,
                null, null, NOW, NOW));
        webhooks.endpoints.add(new WebhookEndpointInfo("WH2", "https://gone.example.com/<h>", null, Set.of("*"), true,
                "410 Gone", NOW.minusSeconds(600), null, NOW, NOW));
        // two delivered in the current minute, one 29 minutes ago; two failed attempts a minute ago
        Instant first = Instant.parse("2026-03-04T10:01:00Z");
        for (int i = 0; i < DashboardData.MINUTES; i++) {
            minutes.add(new DeliveryMetrics.Minute(first.plus(Duration.ofMinutes(i)), i == 29 ? 2 : i == 0 ? 1 : 0,
                    i == 28 ? 2 : 0));
        }
        plugin.deliveries = deliveries;
        plugin.gateway = gateway;
        plugin.webhooks = webhooks;
        plugin.clock = new Clock() {
            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        console = new FakeConsole(Map.of(DashboardPlugin.LABEL, plugin));
    }

    @AfterEach
    void stop() throws Exception {
        console.close();
    }

    @Test
    void showsTicketFiguresChartsAndWhatIsWorthALookEscaped() throws Exception {
        HttpResponse<String> page = console.get("hub");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        String html = page.body();
        assertThat(html).contains("<div class=\"hub-figure-value\">7</div><div class=\"hub-figure-caption\">Open</div>")
                .contains("<div class=\"hub-figure-value\">3</div><div class=\"hub-figure-caption\">Overdue</div>")
                .contains("<div class=\"hub-figure-value\">4</div><div class=\"hub-figure-caption\">SLA breached</div>")
                .contains("21.5 min", "Average resolution (last 60 min)")
                .contains("<tr><td>normal</td><td>3</td><td>1</td><td>2</td><td>1</td><td>30.0 min</td></tr>")
                .contains("<tr><td>urgent</td><td>1</td><td>1</td><td>1</td><td>0</td><td>\u2014</td></tr>");
        assertThat(html).contains("3 delivered, 2 failed attempts", "<svg", "10:01 UTC", "10:30 UTC")
                .contains("<title>10:30 UTC: 2 delivered, 0 failed</title>", "<title>10:01 UTC: 1 delivered, 0 failed</title>")
                .contains("<title>10:29 UTC: 0 delivered, 2 failed</title>").doesNotContain("<script")
                .contains("the delivery log every node writes");
        assertThat(html).contains("jira-&lt;eng&gt;", "DEGRADED: HTTP 503", "p50 80.0 ms / p99 2500.0 ms", "OPEN")
                .contains("hub-integrations\">jira-&lt;eng&gt;</a>").doesNotContain(">fine<");
        assertThat(html).contains("WH2", "https://gone.example.com/&lt;h&gt;", "disabled: 410 Gone",
                "hub-webhooks?endpoint=WH2").doesNotContain("https://ok.example.com/h").doesNotContain("<h>");
    }

    @Test
    void readsTheServicesAtMostOncePerFewSeconds() throws Exception {
        console.get("hub");
        console.get("hub");
        assertThat(statsCalls).hasValue(1);
        assertThat(logReads).as("one grouped read of the log per snapshot").hasValue(1);
        now = NOW.plus(DashboardPlugin.CACHE);
        console.get("hub");
        assertThat(statsCalls).hasValue(2);
        assertThat(logReads).hasValue(2);
    }

    @Test
    void withoutServicesThePageSaysWhatIsMissingAndPostsChangeNothing() throws Exception {
        plugin.tickets = null;
        plugin.deliveries = null;
        plugin.gateway = null;
        plugin.webhooks = null;
        String html = console.get("hub").body();
        assertThat(html).contains("helpdesk core", "delivery engine", "is not installed")
                .contains("Every connector is online", "No webhook endpoint is failing or disabled");
        assertThat(html).as("read-only: no form").doesNotContain("<form");
        assertThat(console.post("hub", Map.of("action", "create"), null).statusCode()).isEqualTo(403);
    }

    @Test
    void chartsEscapeTheirTextAndScaleToTheHighestBar() {
        BarChart chart = new BarChart("a <b>", List.of("x<1>", "y"), new long[] {2, 0}, new long[] {2, 4}, "ok", "bad");
        assertThat(chart.max()).isEqualTo(4);
        assertThat(chart.svg()).contains("<title>a &lt;b&gt;</title>", "x&lt;1&gt;: 2 ok, 2 bad", "max 4")
                .doesNotContain("<b>").doesNotContain("x<1>");
    }
}
