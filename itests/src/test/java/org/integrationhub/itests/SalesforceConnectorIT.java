package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Salesforce connector in the running distribution (installed by the integration-hub feature), configured by an
 * etc/*.cfg factory configuration whose {@code login.url} points at a loopback Salesforce (whose token answer's
 * {@code instance_url} points at it too), with the private key as {@code file:}: the instance comes ONLINE with the
 * org's API usage in its status; a ticket from a new customer ends with the customer's {@code external_ids.salesforce}
 * and company (the Account's name) set, as the customer API shows, and one Case with the contract's fields linked at
 * {@code GET /api/v1/tickets/{id}/links}; resolving the ticket closes the Case; the {@code create_case} action answers
 * the same Case; the key never reaches the log. The same hub runs a HubSpot instance against a loopback HubSpot and a
 * webhook endpoint subscribed to {@code customer.updated}: the new customer ends enriched from both CRMs, and the
 * signed {@code customer.updated} deliveries carry what each connector wrote (issue 16's whole path).
 */
class SalesforceConnectorIT {

    private static final String NAME = "salesforce-it";
    private static final String CLIENT_ID = "3MVG9it.consumer.key.0123456789";
    private static final String USER = "helpdesk-bot@acme.example";
    private static final String CONTACT = "003000000000001AAA";
    private static final String ACCOUNT = "001000000000001AAA";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeHttpServer salesforce;
    private HubSpotConnectorIT.FakeHubSpot hubspot;
    private WebhookReceiver receiver;
    private HubProcess hub;
    private KeyPair keys;
    private final Map<String, ObjectNode> cases = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1);

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.stop();
        }
        if (salesforce != null) {
            salesforce.close();
        }
        if (hubspot != null) {
            hubspot.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aTicketFromANewCustomerSyncsTheContactAndOpensOneLinkedCase() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        salesforce = FakeHttpServer.start();
        salesforce.otherwise(this::answer);
        hubspot = new HubSpotConnectorIT.FakeHubSpot();
        hubspot.contact.put("email", "ann.smith@example.com");
        hubspot.contact.put("company", "Acme Corporation"); // the Account's name: both CRMs agree on the company
        receiver = new WebhookReceiver();
        Path archive = Paths.get(System.getProperty("hub.distribution"));
        hub = HubProcess.unpack(archive, Paths.get(System.getProperty("project.build.directory", "target"),
                "salesforce-it"));
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Path keyFile = Files.writeString(hub.home().resolve("etc/salesforce-it.key"), pem);
        Files.writeString(hub.home().resolve("etc/org.integrationhub.core.cfg"),
                "ticketUrlTemplate = https://help.example.com/tickets/{id}\n");
        Files.writeString(hub.home().resolve("etc/org.integrationhub.connector.salesforce-" + NAME + ".cfg"),
                String.join("\n", "integration.name = " + NAME, "login.url = " + salesforce.uri(""),
                        "client.id = " + CLIENT_ID, "username = " + USER,
                        ".private.key = file:" + keyFile.toAbsolutePath(), ""));
        Files.writeString(hub.home().resolve("etc/org.integrationhub.connector.hubspot-hubspot-crm.cfg"),
                String.join("\n", "integration.name = hubspot-crm", "integration.events = ticket.created",
                        "api.url = " + hubspot.url(), ".access.token = pat-eu1-crm-it-token",
                        ".client.secret = crm-it-client-secret", ""));
        Files.writeString(hub.home().resolve("etc/org.integrationhub.webhooks.cfg"), "allowedNetworks = 127.0.0.0/8\n");
        hub.start();
        HubHttp http = hub.http();
        http.awaitHealthy(Duration.ofSeconds(180));
        String key = hub.createKey("salesforce-it", "--scope", "tickets:read", "--scope", "tickets:write", "--scope",
                "integrations:read", "--scope", "integrations:execute", "--scope", "customers:read",
                "--scope", "webhooks:manage", "--rate-limit", "unlimited");
        HubHttp.Answer endpoint = http.post("/api/v1/webhooks", key, "{\"url\":\"" + receiver.url()
                + "\",\"events\":[\"customer.updated\"],\"description\":\"crm\"}");
        assertThat(endpoint.status).as("webhook: %s", endpoint).isEqualTo(201);
        receiver.secret = endpoint.json.get("secret").asText();
        awaitTrue("the Salesforce instance ONLINE", Duration.ofSeconds(60),
                () -> integration(http, key).path("status").asText().equals("ONLINE"));
        assertThat(integration(http, key).path("status_detail").asText()).contains("authenticated as " + USER)
                .contains("api-usage=");

        HubHttp.Answer created = http.post("/api/v1/tickets", key, "{\"subject\":\"Printer on fire\",\"description\":"
                + "\"3rd floor\",\"priority\":\"urgent\",\"customer\":{\"email\":\"Ann.Smith@Example.com\","
                + "\"name\":\"Ann Smith\"}}");
        assertThat(created.status).as("create ticket: %s", created).isEqualTo(201);
        String ticket = created.json.get("id").asText();

        awaitTrue("the Case linked to the ticket", Duration.ofSeconds(30),
                () -> get(http, "/api/v1/tickets/" + ticket + "/links", key).size() > 0);
        JsonNode link = get(http, "/api/v1/tickets/" + ticket + "/links", key).get(0);
        assertThat(cases).hasSize(1);
        String caseId = cases.keySet().iterator().next();
        assertThat(link.path("integration").asText()).isEqualTo(NAME);
        assertThat(link.path("type").asText()).isEqualTo("case");
        assertThat(link.path("key").asText()).isEqualTo(caseId);
        assertThat(link.path("url").asText()).isEqualTo(salesforce.uri("/lightning/r/Case/" + caseId + "/view")
                .toString());
        ObjectNode kase = cases.get(caseId);
        assertThat(kase.path("Subject").asText()).isEqualTo("Printer on fire");
        assertThat(kase.path("Priority").asText()).isEqualTo("High");
        assertThat(kase.path("Status").asText()).isEqualTo("New");
        assertThat(kase.path("Origin").asText()).isEqualTo("Helpdesk");
        assertThat(kase.path("ContactId").asText()).isEqualTo(CONTACT);
        assertThat(kase.path("Description").asText()).endsWith("Helpdesk ticket " + ticket
                + ": https://help.example.com/tickets/" + ticket);

        JsonNode customers = get(http, "/api/v1/customers?email=ann.smith@example.com", key).path("data");
        assertThat(customers).as("customers by e-mail").hasSize(1);
        JsonNode customer = get(http, "/api/v1/customers/" + customers.get(0).path("id").asText(), key);
        assertThat(customer.path("external_ids").path("salesforce").asText()).isEqualTo(CONTACT);
        assertThat(customer.path("company").asText()).isEqualTo("Acme Corporation");
        assertThat(customer.path("attributes").path("salesforce.account_id").asText()).isEqualTo(ACCOUNT);

        // HubSpot enriched the same customer; each change reached the webhook as a signed customer.updated
        String customerId = customer.path("id").asText();
        awaitTrue("the customer enriched from HubSpot", Duration.ofSeconds(30), () -> "5101".equals(
                get(http, "/api/v1/customers/" + customerId, key).path("external_ids").path("hubspot").asText(null)));
        JsonNode both = get(http, "/api/v1/customers/" + customerId, key);
        assertThat(both.path("external_ids").path("salesforce").asText()).isEqualTo(CONTACT);
        assertThat(both.path("phone").asText()).isEqualTo("+49 30 1234567");
        assertThat(both.path("attributes").path("hubspot.lifecycle_stage").asText()).isEqualTo("customer");
        assertThat(both.path("attributes").path("salesforce.account_id").asText()).isEqualTo(ACCOUNT);
        awaitTrue("customer.updated with both CRMs' ids at the webhook", Duration.ofSeconds(30),
                () -> receiver.arrivals.stream().anyMatch(a -> a.type().equals("customer.updated")
                        && read(a.body()).path("data").path("customer").path("external_ids").has("salesforce")
                        && read(a.body()).path("data").path("customer").path("external_ids").has("hubspot")));
        assertThat(receiver.rejected).as("every delivery verified").isEmpty();
        assertThat(receiver.arrivals).allMatch(a -> a.type().equals("customer.updated"));

        assertThat(http.patch("/api/v1/tickets/" + ticket, key, "{\"status\":\"resolved\"}").status).isEqualTo(200);
        awaitTrue("the Case closed", Duration.ofSeconds(30), () -> "Closed".equals(kase.path("Status").asText()));

        HubHttp.Answer action = http.post("/api/v1/integrations/" + NAME + "/actions/create_case", key,
                "{\"ticket_id\":\"" + ticket + "\"}");
        assertThat(action.status).as("create_case: %s", action).isEqualTo(200);
        assertThat(action.json.path("case_id").asText()).isEqualTo(caseId);
        assertThat(action.json.path("created").asBoolean()).isFalse();
        assertThat(salesforce.requests("POST", "/services/data/v62.0/sobjects/Case")).as("one Case").hasSize(1);
        assertThat(salesforce.requests("POST", "/services/oauth2/token")).as("the token is kept").hasSize(1);
        String log = Files.readString(hub.home().resolve("data/log/karaf.log"));
        assertThat(log).doesNotContain(pem.split("\n")[3]);
    }

    private Reply answer(Recorded r) {
        if (r.method().equals("POST") && r.path().equals("/services/oauth2/token")) {
            return verified(r.body()) ? Reply.of(200, "{\"access_token\":\"00D000000000001!AQit-token\",\"instance_url\":\""
                    + salesforce.uri("") + "\",\"id\":\"" + salesforce.uri("/id/00D/005") + "\",\"token_type\":"
                    + "\"Bearer\",\"scope\":\"api\"}")
                    : Reply.of(400, "{\"error\":\"invalid_grant\",\"error_description\":\"invalid assertion\"}");
        }
        if (!"Bearer 00D000000000001!AQit-token".equals(r.header("Authorization"))) {
            return Reply.of(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
        }
        String path = r.path().replace("/services/data/v62.0", "");
        Reply reply;
        if (path.equals("/limits")) {
            reply = Reply.of(200, "{\"DailyApiRequests\":{\"Max\":15000,\"Remaining\":14990}}");
        } else if (path.equals("/query") && r.queryParameter("q").equals("SELECT Id, Name, Email, AccountId FROM Contact "
                + "WHERE Email = 'ann.smith@example.com' LIMIT 1")) {
            reply = Reply.of(200, "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Contact\"},"
                    + "\"Id\":\"" + CONTACT + "\",\"Name\":\"Ann Smith\",\"Email\":\"ann.smith@example.com\","
                    + "\"AccountId\":\"" + ACCOUNT + "\"}]}");
        } else if (path.equals("/sobjects/Account/" + ACCOUNT)) {
            reply = Reply.of(200, "{\"attributes\":{\"type\":\"Account\"},\"Id\":\"" + ACCOUNT + "\",\"Name\":"
                    + "\"Acme Corporation\"}");
        } else if (path.equals("/sobjects/Case") && r.method().equals("POST")) {
            String id = String.format("500%012dAAA", ids.getAndIncrement());
            cases.put(id, (ObjectNode) read(r.body()));
            reply = Reply.of(201, "{\"id\":\"" + id + "\",\"success\":true,\"errors\":[]}");
        } else if (path.startsWith("/sobjects/Case/") && r.method().equals("PATCH")
                && cases.containsKey(path.substring(15))) {
            cases.get(path.substring(15)).setAll((ObjectNode) read(r.body()));
            reply = Reply.status(204);
        } else {
            reply = Reply.of(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not "
                    + "exist\"}]");
        }
        return reply.withHeader("Sforce-Limit-Info", "api-usage=" + salesforce.requests().size() + "/15000");
    }

    /** The JWT bearer assertion: RS256 with the configured key's public half, for this app and user. */
    private boolean verified(String form) {
        try {
            String assertion = null;
            for (String pair : form.split("&")) {
                if (pair.startsWith("assertion=")) {
                    assertion = java.net.URLDecoder.decode(pair.substring(10), StandardCharsets.UTF_8);
                }
            }
            String[] parts = assertion.split("\\.");
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(keys.getPublic());
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return rs256.verify(Base64.getUrlDecoder().decode(parts[2])) && CLIENT_ID.equals(claims.path("iss")
                    .asText()) && USER.equals(claims.path("sub").asText())
                    && form.startsWith("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer");
        } catch (Exception e) {
            return false;
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static JsonNode integration(HubHttp http, String key) {
        return get(http, "/api/v1/integrations/" + NAME, key);
    }

    private static JsonNode get(HubHttp http, String path, String key) {
        try {
            HubHttp.Answer a = http.get(path, key);
            return a.status == 200 && a.json != null ? a.json : JSON.createObjectNode();
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
