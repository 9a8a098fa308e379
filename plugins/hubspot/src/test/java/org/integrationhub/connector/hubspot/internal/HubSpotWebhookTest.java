package org.integrationhub.connector.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.integrationhub.api.Customer;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HubSpot → hub: v3 signatures over publicBaseUrl (computed here independently of the connector's code), the
 * timestamp window, contact events updating customers, repeats and events of other kinds.
 */
class HubSpotWebhookTest extends HubSpotTestSupport {

    /** Ann's contact after a change in HubSpot: now an evangelist at Acme Group. */
    private static final String ANN_CHANGED = FakeHubSpot.contact("5101", "ann@example.com", "Acme Group",
            "+49 30 1234567", "evangelist", "20000");

    @BeforeEach
    void annIsACustomer() {
        annsTicket();
        hubspot.route("GET", FakeHubSpot.CONTACTS + "/5101", Reply.of(200, ANN_CHANGED));
    }

    private static String propertyChange(long eventId, String property, String value) {
        return "{\"objectId\":5101,\"propertyName\":\"" + property + "\",\"propertyValue\":\"" + value + "\","
                + "\"changeSource\":\"CRM_UI\",\"eventId\":" + eventId + ",\"subscriptionId\":2381752,\"portalId\":"
                + "146001789,\"appId\":3925417,\"occurredAt\":" + System.currentTimeMillis() + ",\"subscriptionType\":"
                + "\"contact.propertyChange\",\"attemptNumber\":0}";
    }

    private static String event(long eventId, String type, long objectId) {
        return "{\"eventId\":" + eventId + ",\"subscriptionId\":2381753,\"portalId\":146001789,\"appId\":3925417,"
                + "\"occurredAt\":" + System.currentTimeMillis() + ",\"subscriptionType\":\"" + type + "\","
                + "\"attemptNumber\":0,\"objectId\":" + objectId + ",\"changeFlag\":\"CREATED\",\"changeSource\":"
                + "\"CRM_UI\",\"sourceId\":\"userId:45678\"}";
    }

    /** The v3 signature HubSpot sends, computed from the documented recipe without the connector's code. */
    static String sign(String secret, String method, String url, String body, String timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal((method + url + body + timestamp)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private InboundResponse deliver(String body, String signature, long timestamp, String query) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        if (signature != null) {
            headers.put("X-HubSpot-Signature-v3", List.of(signature));
            headers.put("X-HubSpot-Request-Timestamp", List.of(Long.toString(timestamp)));
        }
        return integration.handle(new InboundRequest("POST", "webhook", headers,
                body.getBytes(StandardCharsets.UTF_8), query));
    }

    private InboundResponse deliverSigned(String body) throws Exception {
        long now = System.currentTimeMillis();
        return deliver(body, sign(TestConfig.SECRET, "POST", WEBHOOK_URL, body, Long.toString(now)), now, "");
    }

    @Test
    void aSignedPropertyChangeUpdatesTheCustomer() throws Exception {
        String body = "[" + propertyChange(100, "lifecyclestage", "evangelist") + "]";

        InboundResponse response = deliverSigned(body);

        assertThat(response.status()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.bodyAsString()).isEqualTo("{\"contacts_read\":1,\"customers_updated\":1,\"ignored\":0,"
                + "\"duplicates\":0}");
        Customer ann = ann();
        assertThat(ann.company()).isEqualTo("Acme Group");
        assertThat(ann.attributes()).containsEntry("hubspot.lifecycle_stage", "evangelist")
                .containsEntry("hubspot.total_revenue", "20000");
        assertThat(ann.externalIds()).containsEntry("hubspot", "5101");
        var read = hubspot.assertExactlyOnce("GET", FakeHubSpot.CONTACTS + "/5101");
        assertThat(read.queryParameter("properties")).isEqualTo("email,firstname,lastname,company,phone,"
                + "lifecyclestage,total_revenue");
        assertThat(read.queryParameter("idProperty")).isNull();
    }

    @Test
    void aRepeatedEventIdChangesNothingTwice() throws Exception {
        String body = "[" + propertyChange(101, "company", "Acme Group") + "]";
        assertThat(deliverSigned(body).status()).isEqualTo(200);
        int updates = customers.updates().size();

        InboundResponse again = deliverSigned(body); // HubSpot's retry: same eventId, new timestamp and signature

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.bodyAsString()).contains("\"duplicates\":1").contains("\"contacts_read\":0");
        assertThat(hubspot.requests("GET", FakeHubSpot.CONTACTS + "/5101")).hasSize(1);
        assertThat(customers.updates()).hasSize(updates);
    }

    @Test
    void oneReadPerContactForABatchAndGenericContactEventsCount() throws Exception {
        String body = "[" + propertyChange(102, "phone", "+49 30 1234567") + "," + propertyChange(103, "company",
                "Acme Group") + ",{\"eventId\":104,\"subscriptionType\":\"object.propertyChange\",\"objectTypeId\":"
                + "\"0-1\",\"objectId\":5101,\"propertyName\":\"lifecyclestage\",\"propertyValue\":\"evangelist\"}]";
        InboundResponse response = deliverSigned(body);
        assertThat(response.bodyAsString()).isEqualTo("{\"contacts_read\":1,\"customers_updated\":1,\"ignored\":0,"
                + "\"duplicates\":0}");
        assertThat(hubspot.requests("GET", FakeHubSpot.CONTACTS + "/5101")).hasSize(1);
    }

    @Test
    void otherSubscriptionTypesAndUnfollowedPropertiesAreAcknowledgedAndIgnored() throws Exception {
        String body = "[" + event(105, "deal.creation", 9001) + "," + event(106, "contact.deletion", 5101) + ","
                + propertyChange(107, "firstname", "Annie") + ",{\"eventId\":108,\"subscriptionType\":"
                + "\"object.creation\",\"objectTypeId\":\"0-3\",\"objectId\":9002}]";
        InboundResponse response = deliverSigned(body);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyAsString()).contains("\"ignored\":4").contains("\"contacts_read\":0");
        assertThat(hubspot.requests()).isEmpty();
        assertThat(customers.updates()).isEmpty();
    }

    @Test
    void aNewContactThatIsNoCustomerCreatesNobody() throws Exception {
        hubspot.route("GET", FakeHubSpot.CONTACTS + "/7777", Reply.of(200, FakeHubSpot.contact("7777",
                "carol@example.com", "Initech", null, "lead", null)));
        InboundResponse response = deliverSigned("[" + event(109, "contact.creation", 7777) + "]");
        assertThat(response.bodyAsString()).contains("\"contacts_read\":1,\"customers_updated\":0");
        assertThat(customers.findByEmail("carol@example.com")).isEmpty();
    }

    @Test
    void aStaleTimestampIs401AndNothingHappens() throws Exception {
        String body = "[" + propertyChange(110, "company", "Acme Group") + "]";
        long stale = System.currentTimeMillis() - Duration.ofMinutes(6).toMillis();
        InboundResponse response = deliver(body, sign(TestConfig.SECRET, "POST", WEBHOOK_URL, body,
                Long.toString(stale)), stale, "");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.bodyAsString()).contains("more than 5 minutes");
        long future = System.currentTimeMillis() + Duration.ofMinutes(6).toMillis();
        assertThat(deliver(body, sign(TestConfig.SECRET, "POST", WEBHOOK_URL, body, Long.toString(future)), future,
                "").status()).isEqualTo(401);
        assertNothingHappened();
    }

    @Test
    void aWrongSignatureIs401AndNothingChanges() throws Exception {
        String body = "[" + propertyChange(111, "company", "Acme Group") + "]";
        long now = System.currentTimeMillis();
        assertThat(deliver(body, sign("not-the-client-secret", "POST", WEBHOOK_URL, body, Long.toString(now)), now,
                "").status()).isEqualTo(401);
        String tampered = body.replace("Acme Group", "Evil Corp");
        assertThat(deliver(tampered, sign(TestConfig.SECRET, "POST", WEBHOOK_URL, body, Long.toString(now)), now, "")
                .status()).isEqualTo(401);
        assertThat(deliver(body, null, now, "").status()).as("unsigned").isEqualTo(401);
        assertThat(deliver(body, sign(TestConfig.SECRET, "POST", WEBHOOK_URL, body, Long.toString(now)),
                now + 1, "").status()).as("another timestamp than the signed one").isEqualTo(401);
        assertNothingHappened();

        // the signed event was not remembered as handled: HubSpot's genuine delivery still applies
        assertThat(deliverSigned(body).bodyAsString()).contains("\"customers_updated\":1");
    }

    @Test
    void aSignatureForAnotherUrlIs401() throws Exception {
        String body = "[" + propertyChange(112, "company", "Acme Group") + "]";
        long now = System.currentTimeMillis();
        String elsewhere = "https://hub.internal.example.com:8181/integrations/hubspot/webhook";
        InboundResponse response = deliver(body, sign(TestConfig.SECRET, "POST", elsewhere, body,
                Long.toString(now)), now, "");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.bodyAsString()).contains("signature mismatch");
        assertNothingHappened();

        // HubSpot's v1 header proves secret and body right: the refusal then names the URL as the culprit
        Map<String, List<String>> headers = Map.of("X-HubSpot-Signature-v3", List.of(sign(TestConfig.SECRET, "POST",
                elsewhere, body, Long.toString(now))), "X-HubSpot-Request-Timestamp", List.of(Long.toString(now)),
                "X-HubSpot-Signature", List.of(sha256Hex(TestConfig.SECRET + body)), "X-HubSpot-Signature-Version",
                List.of("v1"));
        InboundResponse diagnosed = integration.handle(new InboundRequest("POST", "webhook", headers,
                body.getBytes(StandardCharsets.UTF_8), ""));
        assertThat(diagnosed.status()).isEqualTo(401);
        assertThat(diagnosed.bodyAsString()).contains("not over this hub's public webhook URL");
        assertNothingHappened();
    }

    @Test
    void theQueryHubSpotCalledIsSignedWithTheListedEscapesDecoded() throws Exception {
        String body = "[" + propertyChange(113, "company", "Acme Group") + "]";
        long now = System.currentTimeMillis();
        String signedUrl = WEBHOOK_URL + "?portal=eu:146001789";
        InboundResponse response = deliver(body, sign(TestConfig.SECRET, "POST", signedUrl, body, Long.toString(now)),
                now, "portal=eu%3A146001789");
        assertThat(response.status()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(ann().company()).isEqualTo("Acme Group");
    }

    @Test
    void anInstanceWithoutClientSecretRefusesEverything() throws Exception {
        config.secret = "";
        integration = new HubSpotIntegration(context, config);
        InboundResponse response = deliverSigned("[" + propertyChange(114, "company", "Acme Group") + "]");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.bodyAsString()).contains("no .client.secret configured");
        assertNothingHappened();
    }

    @Test
    void aSignedBodyThatIsNotAnEventArrayIs400() throws Exception {
        assertThat(deliverSigned("{\"eventId\":1}").status()).isEqualTo(400);
        assertThat(deliverSigned("not json").status()).isEqualTo(400);
        assertNothingHappened();
    }

    @Test
    void whenHubSpotCannotBeReadTheAnswerIs503AndHubSpotsRetryApplies() throws Exception {
        hubspot.route("GET", FakeHubSpot.CONTACTS + "/5101", Reply.of(429, FakeHubSpot.rateLimited(
                "TEN_SECONDLY_ROLLING")).withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000"),
                Reply.of(200, ANN_CHANGED));
        String body = "[" + propertyChange(115, "company", "Acme Group") + "]";

        InboundResponse busy = deliverSigned(body);
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.headers()).containsEntry("Retry-After", "10");
        assertThat(ann().company()).isNull();

        assertThat(deliverSigned(body).bodyAsString()).contains("\"customers_updated\":1");
        assertThat(ann().company()).isEqualTo("Acme Group");
    }

    @Test
    void anEventIdHubSpotReusesForAnotherObjectIsStillApplied() throws Exception {
        // HubSpot: "eventId ... is not guaranteed to be unique"; a retry repeats the whole event, not just the id
        tickets.create(new NewTicket("Order", "Where is it?", Priority.NORMAL, new Person("bob@example.com", "Bob"),
                null));
        hubspot.route("GET", FakeHubSpot.CONTACTS + "/6202", Reply.of(200, FakeHubSpot.contact("6202",
                "bob@example.com", "Globex", null, "lead", null)));
        assertThat(deliverSigned("[" + propertyChange(120, "company", "Acme Group") + "]").status()).isEqualTo(200);

        String otherObject = "[" + propertyChange(120, "company", "Globex").replace("\"objectId\":5101",
                "\"objectId\":6202").replace("\"subscriptionId\":2381752", "\"subscriptionId\":2381760") + "]";
        InboundResponse response = deliverSigned(otherObject);

        assertThat(response.bodyAsString()).contains("\"contacts_read\":1,\"customers_updated\":1");
        assertThat(customers.findByEmail("bob@example.com").orElseThrow().company()).isEqualTo("Globex");
    }

    @Test
    void aContactSnapshotOlderThanTheOneAppliedChangesNothing() throws Exception {
        // two webhooks for one contact: the later read must not be overwritten by an earlier one finishing last
        String older = FakeHubSpot.contact("5101", "ann@example.com", "Acme Corp", "+49 30 1234567", "customer",
                "12500.5", "2026-12-01T16:02:10.843Z");
        String newer = FakeHubSpot.contact("5101", "ann@example.com", "Acme Group", "+49 30 1234567", "evangelist",
                "20000", "2026-12-05T09:30:00.001Z");
        hubspot.route("GET", FakeHubSpot.CONTACTS + "/5101", Reply.of(200, newer), Reply.of(200, older));

        assertThat(deliverSigned("[" + propertyChange(130, "company", "Acme Group") + "]").bodyAsString())
                .contains("\"customers_updated\":1");
        InboundResponse late = deliverSigned("[" + propertyChange(131, "lifecyclestage", "customer") + "]");

        assertThat(late.status()).isEqualTo(200);
        assertThat(late.bodyAsString()).contains("\"contacts_read\":1,\"customers_updated\":0");
        assertThat(ann().company()).isEqualTo("Acme Group");
        assertThat(ann().attributes()).containsEntry("hubspot.lifecycle_stage", "evangelist");

        // and a ticket's lookup that read the contact before the webhook did changes nothing either
        hubspot.route("POST", FakeHubSpot.SEARCH, Reply.of(200, FakeHubSpot.searchResult(older)));
        integration.onEvent(tickets.lastEvent());
        assertThat(ann().company()).isEqualTo("Acme Group");
    }

    @Test
    void aBatchThatWouldOutlastHubSpotsWaitIsAnsweredInTimeAndTheRestComesAgain() throws Exception {
        config.timeoutMillis = 10_000; // one call may take longer than HubSpot waits for the whole answer
        integration = new HubSpotIntegration(context, config, java.time.Clock.systemUTC(), Duration.ofMillis(300));
        tickets.create(new NewTicket("Order", "Where is it?", Priority.NORMAL, new Person("bob@example.com", "Bob"),
                null));
        hubspot.route("GET", FakeHubSpot.CONTACTS + "/5101", Reply.of(200, ANN_CHANGED).withDelay(
                Duration.ofSeconds(5)), Reply.of(200, ANN_CHANGED));
        hubspot.route("GET", FakeHubSpot.CONTACTS + "/6202", Reply.of(200, FakeHubSpot.contact("6202",
                "bob@example.com", "Globex", null, "lead", null)));
        String body = "[" + propertyChange(140, "company", "Acme Group") + "," + propertyChange(141, "company",
                "Globex").replace("\"objectId\":5101", "\"objectId\":6202") + "]";

        long start = System.nanoTime();
        InboundResponse slow = deliverSigned(body);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(slow.status()).as(slow.bodyAsString()).isEqualTo(503);
        assertThat(millis).as("answered before HubSpot's 5 s wait ends, not after the slow read").isLessThan(4000);
        assertThat(hubspot.requests("GET", FakeHubSpot.CONTACTS + "/6202")).isEmpty();
        assertThat(customers.updates()).isEmpty();

        InboundResponse retry = deliverSigned(body); // HubSpot delivers the batch again
        assertThat(retry.bodyAsString()).isEqualTo("{\"contacts_read\":2,\"customers_updated\":2,\"ignored\":0,"
                + "\"duplicates\":0}");
    }

    @Test
    void anEventAnotherRequestIsStillApplyingIsNotAcknowledged() throws Exception {
        hubspot.route("GET", FakeHubSpot.CONTACTS + "/5101", Reply.of(200, ANN_CHANGED).withDelay(
                Duration.ofMillis(1500)), Reply.of(200, ANN_CHANGED));
        String body = "[" + propertyChange(150, "company", "Acme Group") + "]";
        java.util.concurrent.CompletableFuture<InboundResponse> first = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return deliverSigned(body);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        hubspot.await("GET", FakeHubSpot.CONTACTS + "/5101", 1, Duration.ofSeconds(30));

        InboundResponse concurrent = deliverSigned(body); // HubSpot sends the same notification twice at once

        assertThat(concurrent.status()).as("not a 200: the first request may still fail").isEqualTo(503);
        assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(deliverSigned(body).bodyAsString()).contains("\"duplicates\":1");
        assertThat(hubspot.requests("GET", FakeHubSpot.CONTACTS + "/5101")).hasSize(1);
    }

    private void assertNothingHappened() {
        assertThat(hubspot.requests()).as("HubSpot was not asked").isEmpty();
        assertThat(customers.updates()).as("no customer changed").isEmpty();
    }

    private static String sha256Hex(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
