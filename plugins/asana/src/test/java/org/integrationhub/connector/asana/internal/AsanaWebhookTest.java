package org.integrationhub.connector.asana.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.Comment;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Person;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The webhook: registration with its handshake, signatures, and what Asana's events do to tickets. */
class AsanaWebhookTest extends AsanaTestSupport {

    private static final String WEBHOOKS = FakeAsana.API + "/webhooks";

    @Test
    void registerWebhookAnswersTheHandshakeAndKeepsTheSecretDurably() throws Exception {
        ActionResult result = integration.execute(new ActionRequest("register_webhook", Map.of(), "k1"));

        JsonNode data = FakeAsana.data(asana.server.assertExactlyOnce("POST", WEBHOOKS));
        assertThat(data.path("resource").asText()).isEqualTo(FakeAsana.PROJECT);
        String target = data.path("target").asText();
        assertThat(target).matches("https://hub\\.example\\.com/integrations/asana/webhook\\?hub_handshake=[0-9a-f]{32}");
        assertThat(data.path("filters").toString()).contains("\"resource_type\":\"task\"")
                .contains("\"fields\":[\"completed\"]").contains("\"resource_subtype\":\"comment_added\"");
        assertThat(result.data()).containsEntry("webhook_gid", "1205000000000001").containsEntry("target", target);
        assertThat(links.values()).containsEntry(config.name + "/_asana-webhook/asana.webhook",
                "v1|1205000000000001|" + FakeAsana.HOOK_SECRET);
        assertThat(integration.checkHealth().detail()).contains("authenticated as Hub Bot").contains("webhook registered")
                .doesNotContain(FakeAsana.HOOK_SECRET);
        assertThat(new AsanaClient.Webhook("1205000000000001", FakeAsana.HOOK_SECRET)).as("as it would be logged")
                .asString().isEqualTo("webhook 1205000000000001");
        assertThat(links.links("_asana-webhook")).as("the secret is no public ticket link").isEmpty();

        // after a restart the stored secret verifies deliveries
        integration = newInstance();
        assertThat(integration.handle(FakeAsana.delivery(FakeAsana.HOOK_SECRET)).status()).isEqualTo(200);
    }

    @Test
    void aHandshakeNobodyAwaitsIsRefusedAndStoresNothing() {
        InboundResponse answer = integration.handle(handshake("hub_handshake=0123456789abcdef0123456789abcdef",
                "attacker-secret-0123456789"));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers()).doesNotContainKey("X-Hook-Secret");
        assertThat(links.values()).isEmpty();
    }

    @Test
    void aHandshakeIsTakenOnlyAtTheRegisteredTargetAndOnlyOnce() {
        HookSecret secret = new HookSecret(links, "asana-x");
        String nonce = secret.expect();
        assertThat(secret.acceptHandshake("hub_handshake=" + nonce.replace(nonce.charAt(0), 'x'), "s3cr3t-one"))
                .isFalse();
        assertThat(secret.acceptHandshake("", "s3cr3t-one")).isFalse();
        assertThat(secret.acceptHandshake("hub_handshake=" + nonce, "s3cr3t-one")).isTrue();
        assertThat(secret.acceptHandshake("hub_handshake=" + nonce, "s3cr3t-two")).as("a second handshake").isFalse();
        assertThat(secret.registered(nonce, "1205", null)).isTrue();
        assertThat(secret.current()).map(HookSecret.Stored::secret).contains("s3cr3t-one");

        String next = secret.expect();
        secret.stopExpecting();
        assertThat(secret.acceptHandshake("hub_handshake=" + next, "s3cr3t-three")).as("registration over").isFalse();
        assertThat(secret.registered(next, "1206", null)).as("no handshake for this registration").isFalse();
        assertThat(secret.current()).map(HookSecret.Stored::secret).contains("s3cr3t-one");
    }

    @Test
    void aRegistrationWhoseHandshakeNeverArrivesFails() {
        asana.hub = request -> InboundResponse.ok(); // a proxy in between answers without echoing the secret
        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> integration.execute(new ActionRequest("register_webhook", Map.of(), "k1")));
        assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(e.getMessage()).contains("handshake");
        assertThat(links.values()).isEmpty();
    }

    @Test
    void aTaskCompletedInAsanaResolvesItsTicketOnceAndIsNotSentBack() throws Exception {
        Ticket ticket = openTicket("Printer on fire");
        String gid = ticketWithTask(ticket);
        register();
        tickets.clearRecordedEvents();

        InboundRequest delivery = FakeAsana.delivery(FakeAsana.HOOK_SECRET, asana.personCompletes(gid, true));
        assertThat(integration.handle(delivery).status()).isEqualTo(200);
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(integration.handle(delivery).status()).as("a replay").isEqualTo(200);
        assertThat(asana.server.requests("GET", FakeAsana.API + "/tasks/" + gid)).as("the replay read nothing")
                .hasSize(1);
        assertThat(tickets.recordedEvents()).extracting(HubEvent::type).containsExactly(EventType.TICKET_RESOLVED);

        deliverNewEvents();
        assertThat(asana.server.requests("PUT", FakeAsana.API + "/tasks/" + gid)).as("no echo of the completion")
                .isEmpty();

        InboundRequest reopened = FakeAsana.delivery(FakeAsana.HOOK_SECRET, asana.personCompletes(gid, false));
        assertThat(integration.handle(reopened).status()).isEqualTo(200);
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void aBadOrMissingSignatureIs401AndChangesNothing() throws Exception {
        Ticket ticket = openTicket("Printer on fire");
        String gid = ticketWithTask(ticket);
        register();
        int before = asana.server.requests().size();
        ObjectNode event = asana.personCompletes(gid, true);

        InboundResponse forged = integration.handle(FakeAsana.delivery("another-secret-0123456789", event));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).isEqualTo(InboundResponse.PROBLEM_JSON);
        InboundRequest signed = FakeAsana.delivery(FakeAsana.HOOK_SECRET, event);
        InboundRequest unsigned = new InboundRequest("POST", "webhook", Map.of(), signed.body(), "");
        assertThat(integration.handle(unsigned).status()).isEqualTo(401);
        byte[] tampered = new String(signed.body(), StandardCharsets.UTF_8).replace(gid, "1204000000009999")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(integration.handle(new InboundRequest("POST", "webhook", signed.headers(), tampered, "")).status())
                .isEqualTo(401);
        assertThat(integration.handle(new InboundRequest("HEAD", "webhook", Map.of(), null, "")).status())
                .isEqualTo(401);

        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(asana.server.requests()).hasSize(before);
    }

    @Test
    void aPersonsCommentBecomesOneTicketCommentAndIsNotEchoed() throws Exception {
        Ticket ticket = openTicket("Printer on fire");
        String gid = ticketWithTask(ticket);
        register();
        tickets.clearRecordedEvents();
        ObjectNode event = asana.comments(gid, "Replaced the toner", FakeAsana.PERSON, "Egon Spengler");

        assertThat(integration.handle(FakeAsana.delivery(FakeAsana.HOOK_SECRET, event)).status()).isEqualTo(200);
        integration = newInstance(); // a restart between Asana's first delivery and its resend
        assertThat(integration.handle(FakeAsana.delivery(FakeAsana.HOOK_SECRET, event)).status()).isEqualTo(200);

        List<Comment> comments = tickets.comments(ticket.id());
        assertThat(comments).singleElement().satisfies(c -> {
            assertThat(c.body()).isEqualTo("Replaced the toner");
            assertThat(c.author()).isEqualTo(new Person(null, "Egon Spengler"));
            assertThat(c.internal()).isFalse();
        });
        deliverNewEvents();
        assertThat(asana.server.requests("POST", FakeAsana.API + "/tasks/" + gid + "/stories")).isEmpty();
    }

    @Test
    void theConnectorsOwnStoriesAreNotTakenIn() throws Exception {
        Ticket ticket = openTicket("Printer on fire");
        String gid = ticketWithTask(ticket);
        register();
        tickets.addComment(ticket.id(), new Person("bob@example.com", "Bob"), "On my way", false);
        deliverNewEvents();
        String ownStory = asana.stories.keySet().iterator().next();
        ObjectNode echo = FakeAsana.storyAdded(ownStory, gid, FakeAsana.ME);
        // and one the connector wrote that it has not remembered (Asana reported it before the answer arrived)
        ObjectNode unremembered = asana.comments(gid, "Earlier\n\n-- From Helpdesk by Bob", FakeAsana.ME, "Hub Bot");

        assertThat(integration.handle(FakeAsana.delivery(FakeAsana.HOOK_SECRET, echo, unremembered)).status())
                .isEqualTo(200);
        assertThat(tickets.comments(ticket.id())).extracting(Comment::body).containsExactly("On my way");
    }

    @Test
    void heartbeatsAndForeignTasksAreAcknowledged() throws Exception {
        register();
        assertThat(integration.handle(FakeAsana.delivery(FakeAsana.HOOK_SECRET)).status()).isEqualTo(200);
        asana.addOpenTask("1204000000888888", FakeAsana.PROJECT, "made in Asana");
        InboundRequest foreign = FakeAsana.delivery(FakeAsana.HOOK_SECRET, asana.personCompletes("1204000000888888",
                true));
        assertThat(integration.handle(foreign).status()).isEqualTo(200);
        assertThat(asana.server.requests("GET", FakeAsana.API + "/tasks/1204000000888888")).isEmpty();
    }

    @Test
    void anAsanaFailureWhileReadingBackAsksAsanaToSendAgain() throws Exception {
        Ticket ticket = openTicket("Printer on fire");
        String gid = ticketWithTask(ticket);
        register();
        ObjectNode event = asana.comments(gid, "Replaced the toner", FakeAsana.PERSON, "Egon Spengler");
        String story = event.path("resource").path("gid").asText();
        asana.server.route("GET", FakeAsana.API + "/stories/" + story, Reply.of(503, "{\"errors\":[{\"message\":"
                + "\"Service Unavailable\"}]}"), Reply.of(200, "{\"data\":" + asana.stories.get(story) + "}"));

        InboundResponse first = integration.handle(FakeAsana.delivery(FakeAsana.HOOK_SECRET, event));
        assertThat(first.status()).isEqualTo(503);
        assertThat(tickets.comments(ticket.id())).isEmpty();
        assertThat(integration.handle(FakeAsana.delivery(FakeAsana.HOOK_SECRET, event)).status()).isEqualTo(200);
        assertThat(tickets.comments(ticket.id())).hasSize(1);
    }

    private void register() throws Exception {
        integration.execute(new ActionRequest("register_webhook", Map.of(), "register"));
    }

    private static InboundRequest handshake(String query, String secret) {
        return new InboundRequest("POST", "webhook", Map.of("X-Hook-Secret", List.of(secret)), null, query);
    }
}
