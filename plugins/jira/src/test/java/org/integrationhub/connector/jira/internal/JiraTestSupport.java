package org.integrationhub.connector.jira.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.integrationhub.api.Comment;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.FakeLinkStore;
import org.integrationhub.testkit.FakeTicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Jira instance wired to {@link FakeJira}, in-memory tickets and links, a settable clock, and webhook helpers. */
abstract class JiraTestSupport {

    static final String TICKET_URL = "https://helpdesk.example.com/tickets/{id}";

    final ObjectMapper json = new ObjectMapper();
    FakeJira jira;
    FakeTicketService tickets;
    FakeLinkStore links;
    FakeIntegrationContext context;
    TestConfig config;
    SettableClock clock;
    JiraIntegration connector;

    @BeforeEach
    void startJira() throws Exception {
        jira = new FakeJira();
        tickets = new FakeTicketService();
        links = new FakeLinkStore();
        context = new FakeIntegrationContext(tickets, tickets.customers()).withLinks(TICKET_URL, "https://hub.example.com");
        config = new TestConfig(jira.url());
        jira.account(config.email, config.token);
        clock = new SettableClock(Instant.parse("2026-12-05T10:00:00Z"));
        restart();
    }

    @AfterEach
    void stopJira() {
        context.close();
        jira.close();
    }

    /** A new connector instance on the same configuration, links and tickets (a hub restart). */
    void restart() {
        connector = new JiraIntegration(context, links, config, clock);
    }

    /** Opens a ticket as the helpdesk core would (its ticket.created event is recorded). */
    Ticket open(String subject, Priority priority) {
        return tickets.create(new NewTicket(subject, "The printer on the 3rd floor is on fire.\n\nPlease send help.",
                priority, new Person("ann@example.com", "Ann Smith"), null));
    }

    /** @return the ticket.created event the core wrote for the ticket */
    HubEvent created(Ticket ticket) {
        return tickets.events(ticket.id()).stream().filter(e -> e.type() == EventType.TICKET_CREATED).findFirst()
                .orElseThrow();
    }

    /** @return the comment.added event the core wrote for the comment */
    HubEvent commented(Comment comment) {
        return tickets.events(comment.ticketId()).stream().filter(e -> e.type() == EventType.COMMENT_ADDED
                && e.comment().id().equals(comment.id())).findFirst().orElseThrow();
    }

    /** A {@code comment_created} webhook body as Jira sends it. */
    String commentCreated(String key, String commentId, String accountId, String displayName, String text) {
        ObjectNode root = json.createObjectNode().put("timestamp", clock.millis()).put("webhookEvent", "comment_created");
        ObjectNode comment = root.putObject("comment").put("self", jira.url() + "/rest/api/2/issue/10001/comment/"
                + commentId).put("id", commentId);
        comment.putObject("author").put("self", jira.url() + "/rest/api/2/user?accountId=" + accountId)
                .put("accountId", accountId).put("displayName", displayName).put("active", true)
                .put("timeZone", "Europe/Berlin").put("accountType", "atlassian");
        comment.put("body", text);
        comment.set("updateAuthor", comment.get("author"));
        comment.put("created", "2026-12-05T11:14:04.071+0100").put("updated", "2026-12-05T11:14:04.071+0100")
                .put("jsdPublic", true);
        issue(root, key, "indeterminate");
        return root.toString();
    }

    /** A {@code jira:issue_updated} webhook body of a status transition into a status of {@code category}. */
    String transitioned(String key, String from, String to, String category, long timestamp) {
        ObjectNode root = json.createObjectNode().put("timestamp", timestamp).put("webhookEvent", "jira:issue_updated")
                .put("issue_event_type_name", "issue_generic");
        root.putObject("user").put("accountId", "557058:93f71831-7090-4c70-ab8e-c9a5c9aa2d8e")
                .put("displayName", "Dana Developer").put("active", true);
        issue(root, key, category);
        ObjectNode changelog = root.putObject("changelog").put("id", "10101");
        changelog.putArray("items").addObject().put("field", "status").put("fieldtype", "jira")
                .put("fieldId", "status").put("from", "10001").put("fromString", from).put("to", "10002")
                .put("toString", to);
        return root.toString();
    }

    private void issue(ObjectNode root, String key, String category) {
        FakeJira.Issue issue = jira.issues.get(key);
        ObjectNode node = root.putObject("issue").put("id", issue == null ? "99999" : issue.id)
                .put("self", jira.url() + "/rest/api/2/issue/" + key).put("key", key);
        ObjectNode fields = node.putObject("fields").put("summary", "Printer on fire");
        fields.putObject("issuetype").put("name", "Task").put("subtask", false);
        fields.putObject("project").put("key", "HELP").put("name", "Helpdesk escalations");
        fields.putObject("priority").put("name", "Highest");
        fields.set("status", jira.status(category));
    }

    InboundRequest webhook(String body, String identifier) {
        return webhook(body, identifier, "sha256=" + hmac(config.secret, body));
    }

    InboundRequest webhook(String body, String identifier, String signature) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json; charset=utf-8"));
        headers.put("User-Agent", List.of("Atlassian Webhook HTTP Client"));
        headers.put("X-Atlassian-Webhook-Identifier", List.of(identifier));
        headers.put("X-Atlassian-Webhook-Flow", List.of("Primary"));
        if (signature != null) {
            headers.put("X-Hub-Signature", List.of(signature));
        }
        return new InboundRequest("POST", "webhook", headers, body.getBytes(StandardCharsets.UTF_8), "");
    }

    static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves. */
    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
