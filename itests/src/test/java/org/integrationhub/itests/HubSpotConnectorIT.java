package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The HubSpot connector as the distribution installs it (part of the integration-hub feature), one instance
 * configured in etc/ against a loopback HubSpot: a ticket from a new customer makes the connector search the contact by
 * e-mail (the documented search body) and ends with the customer enriched (company, phone, lifecycle stage, revenue,
 * external id), as the customer API shows; a webhook signed with X-HubSpot-Signature-v3 over publicBaseUrl updates the
 * customer from the contact read back; an unsigned or forged one gets 401 problem+json and changes nothing.
 */
class HubSpotConnectorIT {

    private static final String NAME = "hubspot-it";
    private static final String TOKEN = "pat-eu1-it000000-1111-2222-3333-444444444444";
    private static final String SECRET = "it-client-secret-5555-6666-7777-888888888888";
    private static final String EMAIL = "ann.hubspot@example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeHubSpot hubspot;
    private HubProcess hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.stop();
        }
        if (hubspot != null) {
            hubspot.close();
        }
    }

    @Test
    void aNewCustomerIsEnrichedAndSignedContactChangesUpdateIt() throws Exception {
        hubspot = new FakeHubSpot();
        Path archive = Paths.get(System.getProperty("hub.distribution"));
        hub = HubProcess.unpack(archive, Paths.get(System.getProperty("project.build.directory", "target"),
                "hubspot-it"));
        String base = "http://127.0.0.1:" + hub.httpPort();
        Files.writeString(hub.home().resolve("etc/org.integrationhub.core.cfg"), String.join("\n",
                "publicBaseUrl = " + base, "ticketUrlTemplate = https://helpdesk.example.com/tickets/{id}", ""));
        Files.writeString(hub.home().resolve("etc/org.integrationhub.connector.hubspot-" + NAME + ".cfg"),
                String.join("\n", "integration.name = " + NAME, "integration.events = ticket.created",
                        "api.url = " + hubspot.url(), ".access.token = " + TOKEN, ".client.secret = " + SECRET,
                        "requests.per.10.seconds = 190", ""));
        hub.start();
        HubHttp http = hub.http();
        http.awaitHealthy(Duration.ofSeconds(180));
        String key = hub.createKey("hubspot-it", "--scope", "tickets:read", "--scope", "tickets:write", "--scope",
                "integrations:read", "--scope", "integrations:execute", "--scope", "customers:read");
        awaitTrue("the HubSpot instance ONLINE", Duration.ofSeconds(60), () -> "ONLINE".equals(
                http.get("/api/v1/integrations/" + NAME, key).json.path("status").asText()));
        assertThat(hubspot.authorizations).containsOnly("Bearer " + TOKEN);

        // a ticket from a customer the hub has never seen
        HubHttp.Answer ticket = http.post("/api/v1/tickets", key, HubHttp.ticketJson("Invoice missing", "normal",
                EMAIL));
        assertThat(ticket.status).as("create ticket: %s", ticket).isEqualTo(201);
        awaitTrue("the contact search", Duration.ofSeconds(30), () -> !hubspot.searches.isEmpty());
        assertThat(hubspot.searches.get(0)).isEqualTo("{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"email\","
                + "\"operator\":\"EQ\",\"value\":\"" + EMAIL + "\"}]}],\"properties\":[\"email\",\"firstname\","
                + "\"lastname\",\"company\",\"phone\",\"lifecyclestage\",\"total_revenue\"],\"limit\":1}");
        awaitTrue("the customer enriched", Duration.ofSeconds(30),
                () -> "Acme Corp".equals(customer(http, key).path("company").asText(null)));
        JsonNode enriched = customer(http, key);
        assertThat(enriched.path("phone").asText()).isEqualTo("+49 30 1234567");
        assertThat(enriched.path("attributes").path("hubspot.lifecycle_stage").asText()).isEqualTo("customer");
        assertThat(enriched.path("attributes").path("hubspot.total_revenue").asText()).isEqualTo("12500.5");
        assertThat(enriched.path("external_ids").path("hubspot").asText()).isEqualTo("5101");

        // the contact changes in HubSpot; HubSpot tells the hub
        hubspot.contact.put("company", "Acme Group");
        hubspot.contact.put("lifecyclestage", "evangelist");
        String body = "[{\"objectId\":5101,\"propertyName\":\"lifecyclestage\",\"propertyValue\":\"evangelist\","
                + "\"changeSource\":\"CRM_UI\",\"eventId\":3816279340,\"subscriptionId\":25,\"portalId\":146001789,"
                + "\"appId\":1160452,\"occurredAt\":" + System.currentTimeMillis() + ",\"subscriptionType\":"
                + "\"contact.propertyChange\",\"attemptNumber\":0}]";
        String url = base + "/integrations/hubspot/webhook";

        HttpResponse<String> unsigned = post(url, body, Map.of());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        String now = Long.toString(System.currentTimeMillis());
        HttpResponse<String> forged = post(url, body, Map.of("X-HubSpot-Signature-v3",
                sign("not-the-client-secret", url, body, now), "X-HubSpot-Request-Timestamp", now));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(hubspot.contactReads).as("nothing was read for unverified requests").isEmpty();
        assertThat(customer(http, key).path("company").asText()).isEqualTo("Acme Corp");

        HttpResponse<String> signed = post(url, body, Map.of("X-HubSpot-Signature-v3", sign(SECRET, url, body, now),
                "X-HubSpot-Request-Timestamp", now));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(JSON.readTree(signed.body()).path("customers_updated").asInt()).isEqualTo(1);
        JsonNode updated = customer(http, key);
        assertThat(updated.path("company").asText()).isEqualTo("Acme Group");
        assertThat(updated.path("attributes").path("hubspot.lifecycle_stage").asText()).isEqualTo("evangelist");

        HttpResponse<String> again = post(url, body, Map.of("X-HubSpot-Signature-v3", sign(SECRET, url, body, now),
                "X-HubSpot-Request-Timestamp", now));
        assertThat(JSON.readTree(again.body()).path("duplicates").asInt()).as("HubSpot's retry").isEqualTo(1);
        assertThat(hubspot.contactReads).hasSize(1);
        assertThat(Files.readString(hub.home().resolve("data/log/karaf.log"))).doesNotContain(TOKEN)
                .doesNotContain(SECRET);
    }

    /** @return the customer with {@link #EMAIL} as {@code GET /api/v1/customers?email=} lists it, or an empty node */
    private static JsonNode customer(HubHttp http, String key) throws Exception {
        HubHttp.Answer a = http.get("/api/v1/customers?email=" + EMAIL, key);
        assertThat(a.status).as("GET /api/v1/customers?email=: %s", a).isEqualTo(200);
        JsonNode list = a.json.isArray() ? a.json : a.json.path("data");
        return list.size() == 0 ? JSON.createObjectNode() : list.get(0);
    }

    private static String sign(String secret, String url, String body, String timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(("POST" + url + body + timestamp)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitTrue(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.call())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }


    /**
     * A loopback HubSpot CRM v3 with the documented shapes: the contact search, a contacts page, and reads of one
     * contact by id or by e-mail ({@code idProperty=email}); one contact, id 5101, whose properties the test changes
     * (also its e-mail: {@link SalesforceConnectorIT} gives it the Salesforce contact's address).
     */
    static final class FakeHubSpot implements AutoCloseable {
        final Map<String, String> contact = new ConcurrentHashMap<>(Map.of("email", EMAIL, "firstname", "Ann",
                "lastname", "Example", "company", "Acme Corp", "phone", "+49 30 1234567", "lifecyclestage", "customer",
                "total_revenue", "12500.5", "hs_object_id", "5101"));
        final List<String> searches = new CopyOnWriteArrayList<>();
        final List<String> contactReads = new CopyOnWriteArrayList<>();
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        FakeHubSpot() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/crm/v3/objects/contacts", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private String contactJson() {
            return "{\"id\":\"5101\",\"properties\":" + JSON.valueToTree(contact) + ",\"createdAt\":"
                    + "\"2026-11-02T09:14:51.177Z\",\"updatedAt\":\"2026-12-01T16:02:10.843Z\",\"archived\":false}";
        }

        private void handle(HttpExchange exchange) throws IOException {
            try {
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                String method = exchange.getRequestMethod();
                String path = exchange.getRequestURI().getPath();
                String query = String.valueOf(exchange.getRequestURI().getRawQuery());
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = 200;
                String answer;
                if (method.equals("POST") && path.equals("/crm/v3/objects/contacts/search")) {
                    searches.add(body);
                    boolean hit = JSON.readTree(body).findValue("value").asText().equalsIgnoreCase(contact.get("email"));
                    answer = "{\"total\":" + (hit ? 1 : 0) + ",\"results\":[" + (hit ? contactJson() : "") + "]}";
                } else if (method.equals("GET") && path.equals("/crm/v3/objects/contacts")) {
                    answer = "{\"results\":[" + contactJson() + "]}";
                } else if (method.equals("GET") && (path.equals("/crm/v3/objects/contacts/5101")
                        || path.equals("/crm/v3/objects/contacts/" + contact.get("email"))
                        && query.contains("idProperty=email"))) {
                    contactReads.add(path + "?" + query);
                    answer = contactJson();
                } else {
                    status = 404;
                    answer = "{\"status\":\"error\",\"message\":\"resource not found\",\"category\":"
                            + "\"OBJECT_NOT_FOUND\"}";
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            } finally {
                exchange.close();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
