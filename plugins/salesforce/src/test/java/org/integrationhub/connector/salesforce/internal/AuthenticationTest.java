package org.integrationhub.connector.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import org.integrationhub.api.Priority;
import org.integrationhub.connector.salesforce.internal.client.JwtAssertion;
import org.integrationhub.connector.salesforce.internal.client.PrivateKeys;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JWT bearer flow: the assertion, the token request, caching, renewal after INVALID_SESSION_ID, key formats. */
class AuthenticationTest extends SalesforceTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theAssertionVerifiesWithThePublicHalfAndCarriesTheDocumentedClaims() throws Exception {
        Clock fixed = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
        String jwt = new JwtAssertion("3MVG9-key", "bot@acme.example", "https://login.salesforce.com",
                PrivateKeys.parse(TestKeys.pkcs8Pem()), fixed).sign();
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"RS256\"}");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(TestKeys.PAIR.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).as("RS256 signature").isTrue();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("iss").asText()).isEqualTo("3MVG9-key");
        assertThat(claims.path("sub").asText()).isEqualTo("bot@acme.example");
        assertThat(claims.path("aud").asText()).isEqualTo("https://login.salesforce.com");
        assertThat(claims.path("exp").asLong()).isEqualTo(Instant.parse("2026-12-05T10:03:00Z").getEpochSecond());
        assertThat(jwt).doesNotContain("=").doesNotContain("+").doesNotContain("/");
    }

    @Test
    void theTokenRequestIsAJwtBearerGrantAndTheTokenIsKept() throws Exception {
        tickets.customers().add(new org.integrationhub.api.Customer("01JD0000000000000000000001", "x@example.com",
                "X", Map.of(), Instant.now()));
        connector.execute(new ActionRequest("sync_customer", Map.of("email", "x@example.com"), "k1"));
        connector.execute(new ActionRequest("sync_customer", Map.of("email", "x@example.com"), "k2"));
        Recorded token = salesforce.server.assertExactlyOnce("POST", "/services/oauth2/token");
        assertThat(token.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(token.body()).startsWith("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"
                + "&assertion=");
        assertThat(salesforce.acceptedClaims).hasSize(1);
        assertThat(salesforce.acceptedClaims.get(0).path("aud").asText()).isEqualTo(salesforce.url());
        assertThat(salesforce.server.requests("GET", FakeSalesforce.VERSION + "/query")).hasSize(2)
                .allMatch(r -> r.header("Authorization").startsWith("Bearer 00D000000000001!"));
    }

    @Test
    void anExpiredSessionIsMintedAgainAndTheCallRepeatedOnce() throws Exception {
        salesforce.contact("ann@example.com", "Ann Smith", null);
        var ticket = open("Printer on fire", Priority.HIGH, "ann@example.com", "Ann Smith");
        connector.onEvent(event(ticket, org.integrationhub.api.EventType.TICKET_CREATED));
        assertThat(salesforce.tokensIssued()).isEqualTo(1);

        salesforce.expireTokens();
        tickets.update(ticket.id(), org.integrationhub.api.TicketUpdate.status(org.integrationhub.api.TicketStatus
                .RESOLVED));
        connector.onEvent(event(ticket, org.integrationhub.api.EventType.TICKET_RESOLVED));

        assertThat(salesforce.tokensIssued()).as("one new token after INVALID_SESSION_ID").isEqualTo(2);
        assertThat(salesforce.server.requests("PATCH", FakeSalesforce.VERSION + "/sobjects/Case/"
                + salesforce.cases.keySet().iterator().next())).as("the refused PATCH and its repetition").hasSize(2);
        assertThat(salesforce.cases.values().iterator().next().path("Status").asText()).isEqualTo("Closed");
    }

    @Test
    void aSessionRefusedRightAfterMintingIsAnAuthenticationErrorNotALoop() throws Exception {
        salesforce.server.route("GET", FakeSalesforce.VERSION + "/query", org.integrationhub.testkit.FakeHttpServer
                .Reply.of(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"));
        assertThatThrownBy(() -> connector.execute(new ActionRequest("sync_customer", Map.of("email",
                "ann@example.com"), "k"))).isInstanceOfSatisfying(IntegrationException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("INVALID_SESSION_ID");
                });
        assertThat(salesforce.server.requests("GET", FakeSalesforce.VERSION + "/query")).hasSize(2);
        assertThat(salesforce.tokensIssued()).isEqualTo(2);
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRefusedAsAuthentication() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        config.privateKey = TestKeys.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        restart();
        HealthResult health = connector.checkHealth();
        assertThat(health.status()).isEqualTo(IntegrationStatus.OFFLINE);
        assertThat(health.detail()).contains("invalid_grant").contains("invalid assertion")
                .contains("pre-authorised");
    }

    @Test
    void pkcs1AndFileKeysWorkAndBrokenKeysLeaveTheInstanceUnconfigured(@TempDir Path dir) throws Exception {
        config.privateKey = TestKeys.pkcs1Pem();
        restart();
        assertThat(connector.checkHealth().status()).as("PKCS#1 PEM").isEqualTo(IntegrationStatus.ONLINE);

        Path file = Files.writeString(dir.resolve("salesforce.key"), TestKeys.pkcs8Pem());
        config.privateKey = "file:" + file;
        restart();
        assertThat(connector.checkHealth().status()).as("file: PEM").isEqualTo(IntegrationStatus.ONLINE);

        config.privateKey = "env:SF_KEY";
        context.withEnvironment("SF_KEY", TestKeys.pkcs8Pem().replace("\n", "\\n"));
        restart();
        assertThat(connector.checkHealth().status()).as("env: PEM on one line").isEqualTo(IntegrationStatus.ONLINE);

        for (String broken : new String[] {"", "file:" + dir.resolve("missing.key"), "-----BEGIN ENCRYPTED PRIVATE "
                + "KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----", "not a key"}) {
            config.privateKey = broken;
            restart();
            HealthResult health = connector.checkHealth();
            assertThat(health.status()).as("key %s", broken).isEqualTo(IntegrationStatus.UNCONFIGURED);
            assertThat(health.detail()).startsWith(".private.key: ");
            assertThatThrownBy(() -> connector.execute(new ActionRequest("sync_customer", Map.of("email",
                    "a@example.com"), "k"))).isInstanceOfSatisfying(IntegrationException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION));
        }
        assertThat(context.lastReport(config.name).status()).isEqualTo(IntegrationStatus.UNCONFIGURED);
    }
}
