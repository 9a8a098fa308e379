package org.integrationhub.connector.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.connector.hubspot.internal.client.HubSpotClient;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.Test;

/**
 * The loopback HubSpot refuses what HubSpot refuses (so that the after-test check of every request can fail), and
 * the connector reads HubSpot's "no such contact" in each form HubSpot gives it.
 */
class HubSpotStrictnessTest extends HubSpotTestSupport {

    private static Recorded request(String method, String path, String query, String body, String authorization) {
        Map<String, List<String>> headers = authorization == null ? Map.of("Content-Type", List.of("application/json"))
                : Map.of("Content-Type", List.of("application/json"), "Authorization", List.of(authorization));
        return new Recorded(method, path, query, headers, body);
    }

    @Test
    void theFakeRefusesSearchBodiesHubSpotsSchemaRefuses() {
        String bearer = "Bearer " + TestConfig.TOKEN;
        assertThat(FakeHubSpot.violations(request("POST", FakeHubSpot.SEARCH, "",
                HubSpotClient.searchBody("ann@example.com"),
                bearer))).as("the connector's own search body").isEmpty();
        assertThat(FakeHubSpot.violations(request("POST", FakeHubSpot.SEARCH, "", "{\"filterGroups\":[{\"filters\":"
                + "[{\"propertyName\":\"email\",\"operator\":\"EQUALS\",\"value\":\"a@b.c\"}]}]}", bearer)))
                .containsExactly("Unknown operator EQUALS");
        assertThat(FakeHubSpot.violations(request("POST", FakeHubSpot.SEARCH, "", "{\"filters\":[],\"limit\":500}",
                bearer))).containsExactly("Unrecognized field \"filters\"", "limit must be an integer 1..200");
        assertThat(FakeHubSpot.violations(request("POST", FakeHubSpot.SEARCH, "", "not json", bearer)))
                .containsExactly("Invalid input JSON: the search body is not a JSON object");
        assertThat(FakeHubSpot.violations(request("GET", FakeHubSpot.CONTACTS + "/ann@example.com", "", "", bearer)))
                .containsExactly("object ids are numeric: ann@example.com");
        assertThat(FakeHubSpot.violations(request("GET", FakeHubSpot.CONTACTS, "limit=500", "", null)))
                .containsExactly("401 no bearer token", "limit must be 1..100, was 500");
    }

    @Test
    void theFakeAnswersRefusalsWithHubSpotsBodies() throws Exception {
        try (FakeHttpServer strict = FakeHubSpot.answerNormally(FakeHttpServer.start())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> unauthenticated = http.send(HttpRequest.newBuilder(strict.uri(FakeHubSpot.CONTACTS
                    + "?limit=1")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unauthenticated.statusCode()).isEqualTo(401);
            assertThat(unauthenticated.body()).contains("\"category\":\"INVALID_AUTHENTICATION\"");
            HttpResponse<String> invalid = http.send(HttpRequest.newBuilder(strict.uri(FakeHubSpot.SEARCH))
                    .header("Authorization", "Bearer x").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"limit\":0}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("\"category\":\"VALIDATION_ERROR\"")
                    .contains("limit must be an integer 1..200");
        }
    }

    @Test
    void aBodiless404OfTheReadByEmailIsNoContact() throws Exception {
        annsTicket();
        hubspot.route("POST", FakeHubSpot.SEARCH, Reply.of(200, FakeHubSpot.searchResult()));
        hubspot.route("GET", FakeHubSpot.CONTACTS + "/ann@example.com", Reply.status(404));

        integration.onEvent(tickets.lastEvent());

        assertThat(customers.updates()).isEmpty();
        assertThat(ann().externalIds()).doesNotContainKey("hubspot");
    }

    @Test
    void anHtml404MeansApiUrlPointsElsewhere() {
        annsTicket();
        hubspot.route("POST", FakeHubSpot.SEARCH, Reply.of(200, FakeHubSpot.searchResult()));
        hubspot.route("GET", FakeHubSpot.CONTACTS + "/ann@example.com", Reply.of(404, "<html><body>Not Found</body>"
                + "</html>").withContentType("text/html"));

        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> integration.onEvent(tickets.lastEvent()));

        assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(e.getMessage()).startsWith("HubSpot answered GET /crm/v3/objects/contacts/{id} with HTTP 404");
    }

    @Test
    void anAnswerFarLargerThanAnyHubSpotSendsIsRefusedUnread() {
        annsTicket();
        hubspot.route("POST", FakeHubSpot.SEARCH, Reply.of(200, "{\"total\":0,\"results\":[],\"padding\":\""
                + "x".repeat(3 * 1024 * 1024) + "\"}"));

        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> integration.onEvent(tickets.lastEvent()));

        assertThat(e.category()).isEqualTo(ErrorCategory.REMOTE);
        assertThat(e.getMessage()).isEqualTo("HubSpot answered POST /crm/v3/objects/contacts/search with more than "
                + "1048576 bytes");
        assertThat(customers.updates()).isEmpty();
    }

    @Test
    void anAnswerThatIsNotJsonIsARemoteFailureWithoutAChange() {
        annsTicket();
        hubspot.route("POST", FakeHubSpot.SEARCH, Reply.of(200, "<html>maintenance</html>").withContentType(
                "text/html"));

        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> integration.onEvent(tickets.lastEvent()));

        assertThat(e.category()).isEqualTo(ErrorCategory.REMOTE);
        assertThat(e.getMessage()).contains("not JSON");
        assertThat(customers.updates()).isEmpty();
    }
}
