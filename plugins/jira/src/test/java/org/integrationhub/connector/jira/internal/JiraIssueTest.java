package org.integrationhub.connector.jira.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.connector.jira.internal.client.Adf;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.spi.TicketLink;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Ticket → issue: the fields the contract fixes, the link, and exactly one issue whatever happens to the answers. */
class JiraIssueTest extends JiraTestSupport {

    @Test
    void aNewTicketBecomesOneIssueWithTheContractFieldsAndIsLinkedBack() throws Exception {
        Ticket ticket = open("Printer on fire", Priority.URGENT);

        connector.onEvent(created(ticket));

        Recorded create = jira.server.assertExactlyOnce("POST", "/rest/api/3/issue");
        assertThat(create.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                (config.email + ":" + config.token).getBytes(StandardCharsets.UTF_8)));
        JsonNode fields = json.readTree(create.body()).path("fields");
        assertThat(fields.path("project").path("key").asText()).isEqualTo("HELP");
        assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Task");
        assertThat(fields.path("summary").asText()).isEqualTo("Printer on fire");
        assertThat(fields.path("priority").path("name").asText()).isEqualTo("Highest");
        assertThat(labels(fields)).containsExactly("helpdesk", "escalation", "from-hub", "ticket-" + ticket.id());
        JsonNode description = fields.path("description");
        assertThat(description.path("type").asText()).isEqualTo("doc");
        assertThat(description.path("version").asInt()).isEqualTo(1);
        assertThat(Adf.toText(description)).startsWith("The printer on the 3rd floor is on fire.\n\nPlease send help.")
                .contains("Customer: Ann Smith <ann@example.com>").contains("Helpdesk ticket: " + ticket.id());
        assertThat(description.toString()).contains("https://helpdesk.example.com/tickets/" + ticket.id());

        String key = jira.only().key;
        TicketLink link = links.link("jira-eng", ticket.id(), "issue").orElseThrow();
        assertThat(link.key()).isEqualTo(key);
        assertThat(link.url()).isEqualTo(jira.url() + "/browse/" + key);
        assertThat(links.links(ticket.id())).containsExactly(link);
        JsonNode remote = jira.only().remoteLinks.get(0);
        assertThat(remote.path("globalId").asText()).isEqualTo("hub:ticket:" + ticket.id());
        assertThat(remote.path("object").path("url").asText()).isEqualTo("https://helpdesk.example.com/tickets/"
                + ticket.id());

        connector.onEvent(created(ticket)); // redelivered
        restart();
        connector.onEvent(created(ticket)); // redelivered after a restart
        jira.server.assertExactlyOnce("POST", "/rest/api/3/issue");
        assertThat(jira.server.requests("POST", "/rest/api/3/search/jql")).isEmpty();
        assertThat(jira.only().remoteLinks).hasSize(1);
    }

    @Test
    void aTicketRaisedToAnEscalatedPriorityGetsItsIssueOnce() throws Exception {
        Ticket ticket = open("Slow VPN", Priority.LOW);
        Ticket raised = tickets.update(ticket.id(), new TicketUpdate(null, null, Priority.URGENT, null, null));
        HubEvent update = tickets.lastEvent();
        assertThat(update.changedFields()).contains("priority");
        tickets.update(ticket.id(), TicketUpdate.assign("bob@example.com"));
        HubEvent assigned = tickets.lastEvent();

        connector.onEvent(update);
        connector.onEvent(assigned);
        connector.onEvent(update);

        JsonNode fields = json.readTree(jira.server.assertExactlyOnce("POST", "/rest/api/3/issue").body())
                .path("fields");
        assertThat(fields.path("priority").path("name").asText()).isEqualTo("Highest");
        assertThat(links.link("jira-eng", raised.id(), "issue")).isPresent();
    }

    @Test
    void prioritiesMapAsTheOriginalDesignSays() throws Exception {
        List<String> names = new ArrayList<>();
        for (Priority p : List.of(Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW)) {
            connector.onEvent(created(open("p " + p, p)));
        }
        for (Recorded r : jira.server.requests("POST", "/rest/api/3/issue")) {
            names.add(json.readTree(r.body()).path("fields").path("priority").path("name").asText());
        }
        assertThat(names).containsExactly("Highest", "High", "Medium", "Low");
    }

    @Test
    void a429CarriesJirasRetryAfterAndTheRetryCreatesExactlyOneIssue() throws Exception {
        Ticket ticket = open("Printer on fire", Priority.HIGH);
        jira.failNext("POST", "/rest/api/3/issue", Reply.of(429, "{\"errorMessages\":[\"Rate limit exceeded.\"]}")
                .withHeader("Retry-After", "7").withHeader("RateLimit-Reason", "jira-burst-based"));

        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> connector.onEvent(created(ticket)));
        assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.getMessage()).contains("jira-burst-based").contains("Rate limit exceeded.");

        connector.onEvent(created(ticket));
        assertThat(jira.server.requests("POST", "/rest/api/3/issue")).hasSize(2);
        assertThat(jira.server.requests("POST", "/rest/api/3/search/jql")).as("a 429 created nothing").isEmpty();
        assertThat(jira.issues).hasSize(1);
        assertThat(links.link("jira-eng", ticket.id(), "issue")).isPresent();
    }

    @Test
    void a429WithOnlyXRateLimitResetWaitsUntilThatMinute() throws Exception {
        // Jira's rate-limiting page: X-RateLimit-Reset is an ISO 8601 timestamp in the format yyyy-MM-ddTHH:mmZ
        Ticket ticket = open("Printer on fire", Priority.HIGH);
        jira.failNext("POST", "/rest/api/3/issue", Reply.of(429, "").withHeader("X-RateLimit-Reset",
                "2026-12-05T10:02Z").withHeader("X-RateLimit-Limit", "350").withHeader("X-RateLimit-Remaining", "0"));

        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> connector.onEvent(created(ticket)));

        assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(2)); // the test clock stands at 10:00:00
        assertThat(jira.issues).isEmpty();
    }

    @Test
    void a503WithRetryAfterIsRetriedLaterAndAnEmptySearchIsOnlyTrustedAfterTheConsistencyWait() throws Exception {
        Ticket ticket = open("VPN down", Priority.HIGH);
        jira.failNext("POST", "/rest/api/3/issue", Reply.of(503, "").withHeader("Retry-After", "4"));

        IntegrationException unavailable = catchThrowableOfType(IntegrationException.class,
                () -> connector.onEvent(created(ticket)));
        assertThat(unavailable.category()).isEqualTo(ErrorCategory.COMMUNICATION);
        assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(4));

        clock.advance(Duration.ofSeconds(5));
        IntegrationException waiting = catchThrowableOfType(IntegrationException.class,
                () -> connector.onEvent(created(ticket)));
        assertThat(waiting.category()).isEqualTo(ErrorCategory.COMMUNICATION);
        assertThat(waiting.retryAfter()).isEqualTo(Duration.ofSeconds(25));
        assertThat(jira.issues).isEmpty();

        clock.advance(Duration.ofSeconds(26));
        connector.onEvent(created(ticket));
        assertThat(jira.issues).hasSize(1);
        assertThat(jira.server.requests("POST", "/rest/api/3/search/jql")).hasSize(2);
    }

    @Test
    void aCreateWhoseAnswerIsLostIsFoundByItsLabelNotCreatedAgain() throws Exception {
        Ticket ticket = open("Printer on fire", Priority.URGENT);
        jira.loseNextCreateAnswer();

        IntegrationException lost = catchThrowableOfType(IntegrationException.class,
                () -> connector.onEvent(created(ticket)));
        assertThat(lost.category()).isEqualTo(ErrorCategory.COMMUNICATION);

        restart();
        connector.onEvent(created(ticket));
        jira.server.assertExactlyOnce("POST", "/rest/api/3/issue");
        Recorded search = jira.server.assertExactlyOnce("POST", "/rest/api/3/search/jql");
        assertThat(json.readTree(search.body()).path("jql").asText())
                .isEqualTo("labels = \"ticket-" + ticket.id() + "\" ORDER BY created ASC");
        assertThat(links.link("jira-eng", ticket.id(), "issue").orElseThrow().key()).isEqualTo(jira.only().key);
    }

    @Test
    void anIssueWithoutLinkPermissionStillCountsAndIsNotCreatedAgain() throws Exception {
        Ticket ticket = open("Printer on fire", Priority.URGENT);
        jira.failNext("POST", "/rest/api/3/issue/HELP-1/remotelink", Reply.of(403, "{\"errorMessages\":[\"You do "
                + "not have permission to link issues in project 'HELP'.\"],\"errors\":{}}"));

        connector.onEvent(created(ticket));
        connector.onEvent(created(ticket));

        jira.server.assertExactlyOnce("POST", "/rest/api/3/issue");
        jira.server.assertExactlyOnce("POST", "/rest/api/3/issue/HELP-1/remotelink");
        assertThat(links.link("jira-eng", ticket.id(), "issue").orElseThrow().key()).isEqualTo("HELP-1");
    }

    @Test
    void jirasFieldErrorsReachTheOperatorAndLeaveNothingPending() throws Exception {
        Ticket ticket = open("Printer on fire", Priority.URGENT);
        jira.failNext("POST", "/rest/api/3/issue", Reply.of(400, "{\"errorMessages\":[],\"errors\":{\"issuetype\":"
                + "\"Specify a valid issue type\",\"customfield_10010\":\"Team is required.\"}}"));

        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> connector.onEvent(created(ticket)));
        assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(e.getMessage()).contains("HTTP 400").contains("issuetype: Specify a valid issue type")
                .contains("customfield_10010: Team is required.");
        assertThat(links.values()).doesNotContainKey("jira-eng/" + ticket.id() + "/jira.create");
    }

    @Test
    void refusedCredentialsAreAuthenticationErrorsWithAClearStatusAndNoSecret() throws Exception {
        jira.failNext("GET", "/rest/api/3/myself", Reply.of(401, "{\"errorMessages\":[\"Client must be "
                + "authenticated to access this resource.\"],\"errors\":{}}"));
        var health = connector.checkHealth();
        assertThat(health.status()).isEqualTo(IntegrationStatus.OFFLINE);
        assertThat(health.detail()).contains("authentication").contains("check email and .api.token")
                .doesNotContain(config.token);

        Ticket ticket = open("Printer on fire", Priority.URGENT);
        jira.failNext("POST", "/rest/api/3/issue", Reply.of(403, "{\"errorMessages\":[\"You do not have permission "
                + "to create issues in this project.\"],\"errors\":{}}"));
        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> connector.onEvent(created(ticket)));
        assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
        assertThat(e.getMessage()).contains("HTTP 403").contains("permission to create issues")
                .doesNotContain(config.token);
    }

    @Test
    void healthIsOnlineWithTheAccountAndUnconfiguredWithoutAToken() {
        var health = connector.checkHealth();
        assertThat(health.status()).isEqualTo(IntegrationStatus.ONLINE);
        assertThat(health.detail()).isEqualTo("authenticated as Helpdesk Bot");

        config.token = "env:JIRA_TOKEN_NOT_SET";
        restart();
        assertThat(connector.checkHealth().status()).isEqualTo(IntegrationStatus.UNCONFIGURED);
        assertThat(context.lastReport("jira-eng").detail()).contains(".api.token");

        config.token = "env:JIRA_TOKEN";
        context.withEnvironment("JIRA_TOKEN", "from-the-environment");
        jira.account(config.email, "from-the-environment");
        config.secret = "";
        restart();
        var degraded = connector.checkHealth();
        assertThat(degraded.status()).isEqualTo(IntegrationStatus.DEGRADED);
        assertThat(degraded.detail()).contains("no .webhook.secret");
        assertThat(jira.server.requests("GET", "/rest/api/3/myself").get(1).header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString((config.email + ":from-the-environment")
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> labels(JsonNode fields) {
        List<String> out = new ArrayList<>();
        fields.path("labels").forEach(l -> out.add(l.asText()));
        return out;
    }
}
