package ${package}.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.FakeTicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /integrations/${connectorType}/webhook}: authenticated first, then a comment on the ticket, exactly once. */
class ${connectorName}WebhookTest {

    private static final String SECRET = "webhook-secret-456";

    private final FakeTicketService tickets = new FakeTicketService();
    private FakeIntegrationContext context;
    private FakeHttpServer vendor;
    private ${connectorName}Integration connector;
    private Ticket ticket;

    @BeforeEach
    void start() throws Exception {
        context = new FakeIntegrationContext(tickets, tickets.customers());
        vendor = FakeHttpServer.start();
        connector = new ${connectorName}Integration(context, new TestConfig(vendor.uri("/api").toString()).webhookSecret(SECRET));
        ticket = tickets.create(new NewTicket("VPN down", "since 9am", Priority.HIGH, new Person("ann@example.com", "Ann"), null));
    }

    @AfterEach
    void stop() {
        vendor.close();
        context.close();
    }

    private static String comment(String id, String ticketId) {
        return "{\"id\":\"" + id + "\",\"type\":\"comment.created\",\"ticket_id\":\"" + ticketId
                + "\",\"text\":\"Rebooted the router\",\"author\":{\"name\":\"Vic\",\"email\":\"vic@vendor.example\"}}";
    }

    private static InboundRequest signed(String body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return request(body, Map.of("X-Signature", List.of(signature)));
    }

    private static InboundRequest request(String body, Map<String, List<String>> headers) {
        return new InboundRequest("POST", "webhook", headers, body.getBytes(StandardCharsets.UTF_8), "");
    }

    @Test
    void aSignedCommentLandsOnTheTicketAndIsNotEchoedBack() throws Exception {
        assertThat(connector.inboundPaths()).containsExactly("webhook");

        InboundResponse answer = connector.handle(signed(comment("c-1", ticket.id()), SECRET));

        assertThat(answer.status()).as(answer.bodyAsString()).isEqualTo(200);
        assertThat(tickets.comments(ticket.id())).singleElement().satisfies(c -> {
            assertThat(c.body()).isEqualTo("Rebooted the router");
            assertThat(c.author().name()).isEqualTo("Vic");
        });
        connector.onEvent(tickets.lastEvent()); // the comment.added event of that comment comes back to us
        assertThat(vendor.requests("POST", "/api/events")).as("echo to the vendor").isEmpty();
    }

    @Test
    void aRequestSignedWithAnotherSecretOrUnsignedChangesNothing() throws Exception {
        assertThat(connector.handle(signed(comment("c-1", ticket.id()), "another-secret")).status()).isEqualTo(401);
        assertThat(connector.handle(request(comment("c-2", ticket.id()), Map.of())).status()).isEqualTo(401);
        assertThat(tickets.comments(ticket.id())).isEmpty();
    }

    @Test
    void withoutAWebhookSecretEveryRequestIsRefused() throws Exception {
        ${connectorName}Integration noSecret = new ${connectorName}Integration(context, new TestConfig(vendor.uri("/api").toString()));

        InboundResponse answer = noSecret.handle(signed(comment("c-1", ticket.id()), SECRET));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.bodyAsString()).contains("no webhook secret").doesNotContain(SECRET);
        assertThat(tickets.comments(ticket.id())).isEmpty();
    }

    @Test
    void aRepeatedDeliveryAddsTheCommentOnce() throws Exception {
        assertThat(connector.handle(signed(comment("c-1", ticket.id()), SECRET)).status()).isEqualTo(200);
        InboundResponse again = connector.handle(signed(comment("c-1", ticket.id()), SECRET));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.bodyAsString()).contains("duplicate");
        assertThat(tickets.comments(ticket.id())).hasSize(1);
    }

    @Test
    void badInputIsAnsweredWithAProblem() throws Exception {
        assertThat(connector.handle(signed(comment("c-1", "01J00000000000000000000000"), SECRET)).status()).isEqualTo(404);
        assertThat(connector.handle(signed("{not json", SECRET)).status()).isEqualTo(400);
        assertThat(connector.handle(signed("{\"id\":\"c-3\",\"type\":\"comment.created\"}", SECRET)).status())
                .isEqualTo(422);
        InboundResponse other = connector.handle(signed("{\"id\":\"c-4\",\"type\":\"item.moved\"}", SECRET));
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.bodyAsString()).contains("ignored");
        assertThat(tickets.comments(ticket.id())).isEmpty();
    }
}
