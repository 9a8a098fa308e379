package org.integrationhub.connector.slack.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.slack.api.app_backend.SlackSignature;

import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.FakeLinkStore;
import org.integrationhub.testkit.FakeTicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A Slack instance wired to a loopback Slack, the test kit's in-memory tickets (the core's rules) and links, the
 * hub-wide ticket URL template, and helpers to sign requests.
 */
abstract class SlackTestSupport {

    static final String TICKET_ID = "01JCZ5N4G8Q4N3W7X2Y5Z8A1BC";

    FakeSlackApi slackApi;
    FakeTicketService tickets;
    FakeLinkStore links;
    FakeIntegrationContext context;
    TestConfig config;
    SlackIntegration slack;
    long sequence;

    @BeforeEach
    void startSlack() throws Exception {
        slackApi = new FakeSlackApi();
        tickets = new FakeTicketService();
        links = new FakeLinkStore();
        context = new FakeIntegrationContext(tickets, tickets.customers())
                .withLinks("https://hub.example.com/tickets/{id}", "https://hub.example.com");
        config = new TestConfig(slackApi.apiUrl());
        slack = new SlackIntegration(context, links, config, Clock.systemUTC());
    }

    @AfterEach
    void stopSlack() {
        slack.deactivate();
        context.close();
        slackApi.close();
    }

    void restart() {
        slack.deactivate();
        slack = new SlackIntegration(context, links, config, Clock.systemUTC());
    }

    static Ticket ticket(Priority priority, TicketStatus status, String assignee) {
        Instant t = Instant.parse("2026-11-25T10:15:30Z");
        return new Ticket(TICKET_ID, "Printer on fire", "The printer on the 3rd floor is on fire.\nPlease help.",
                priority, status, assignee, new Customer("C1", "ann@example.com", "Ann", Map.of(), t), t, t,
                t.plus(Duration.ofHours(4)), null);
    }

    HubEvent event(EventType type, Ticket ticket, String... changed) {
        sequence++;
        return new HubEvent("01JEVENT" + String.format("%018d", sequence), sequence, type, Instant.now(), ticket,
                null, null, Set.of(changed));
    }

    /** A request as Slack sends it, signed with the SDK's own generator. */
    InboundRequest signed(String path, String body, String secret, long timestamp) {
        String ts = Long.toString(timestamp);
        String signature = new SlackSignature.Generator(secret).generate(ts, body);
        return new InboundRequest("POST", path, Map.of(
                SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, List.of(ts),
                SlackSignature.HeaderNames.X_SLACK_SIGNATURE, List.of(signature),
                "Content-Type", List.of("application/x-www-form-urlencoded")),
                body.getBytes(StandardCharsets.UTF_8), "");
    }

    InboundRequest signed(String path, String body) {
        return signed(path, body, config.secret, Instant.now().getEpochSecond());
    }

    /** A slash command's form body, with the fields Slack sends. */
    String command(String command, String text) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("token", "gIkuvaNzQIHg97ATvDxqgjtO",
                "team_id", "T0001", "team_domain", "example", "channel_id", "C2147483705", "channel_name",
                "support", "user_id", "U2147483697", "user_name", "spengler", "command", command, "text", text));
        fields.put("response_url", slackApi.responseUrl());
        fields.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        return form(fields);
    }

    InboundResponse send(InboundRequest request) {
        return slack.handle(request);
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
