package org.integrationhub.oauth2.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.ValidationException;
import org.integrationhub.oauth2.CreatedOAuthClient;
import org.integrationhub.oauth2.OAuth2Admin;
import org.integrationhub.oauth2.SigningKeyInfo;
import org.integrationhub.persistence.testing.MutableClock;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The admin view: clients without secrets (except once, when made), revocation that stops tokens, secret rotation,
 * keys with their overlap.
 */
class OAuth2AdminImplTest {

    TestServer hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void listsAndRevokesClients(Kind kind) throws Exception {
        hub = new TestServer(kind);
        OAuth2Admin admin = new OAuth2AdminImpl(hub.server);
        ClientRegistry.Created app = hub.confidential("client_credentials");
        hub.publicClient();
        String token = (String) hub.server.tokens().token(Map.of("grant_type", "client_credentials"),
                new ClientCredentials(app.client().id(), app.secret(), false)).get("access_token");

        assertThat(admin.clients()).hasSize(2).anySatisfy(c -> {
            assertThat(c.id()).isEqualTo(app.client().id());
            assertThat(c.publicClient()).isFalse();
            assertThat(c.grantTypes()).containsExactly("client_credentials");
            assertThat(c.redirectUris()).contains("https://app.example.com/callback");
            assertThat(c.isRevoked()).isFalse();
            assertThat(c.toString()).doesNotContain(app.secret()).doesNotContain(app.client().secretHash());
        }).anySatisfy(c -> assertThat(c.publicClient()).isTrue());

        assertThat(admin.revokeClient(app.client().id())).isTrue();
        assertThat(admin.revokeClient(app.client().id())).isFalse();
        assertThat(admin.revokeClient("unknown")).isFalse();
        assertThat(admin.revokeClient(null)).isFalse();
        assertThat(admin.clients()).filteredOn(c -> c.id().equals(app.client().id())).singleElement()
                .satisfies(c -> assertThat(c.isRevoked()).isTrue());
        assertThat(hub.server.authenticateBearer(token)).as("token of a revoked client").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rotationShowsTheActiveKeyFirstAndThePreviousUntilItsTokensExpire(Kind kind) throws Exception {
        hub = new TestServer(kind, new MutableClock(Instant.now()), "");
        OAuth2Admin admin = new OAuth2AdminImpl(hub.server);
        String first = admin.signingKeys().get(0).kid();

        String second = admin.rotateSigningKey();

        assertThat(admin.signingKeys()).extracting(SigningKeyInfo::kid).containsExactly(second, first);
        SigningKeyInfo active = admin.signingKeys().get(0);
        SigningKeyInfo previous = admin.signingKeys().get(1);
        assertThat(active.isActive()).isTrue();
        assertThat(active.algorithm()).isEqualTo("RS256");
        assertThat(previous.isActive()).isFalse();
        assertThat(previous.publishedUntil()).isEqualTo(previous.retiredAt().plus(Duration.ofMinutes(11)));

        hub.clock.advance(Duration.ofMinutes(12));
        assertThat(admin.signingKeys()).extracting(SigningKeyInfo::kid).containsExactly(second);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void createsClientsAndRotatesASecretThatThenAuthenticatesAlone(Kind kind) throws Exception {
        hub = new TestServer(kind);
        OAuth2Admin admin = new OAuth2AdminImpl(hub.server);

        CreatedOAuthClient app = admin.createClient("Console app", Set.of("client_credentials"), List.of(),
                Set.of("tickets:read"), false);
        CreatedOAuthClient spa = admin.createClient("SPA", Set.of("authorization_code", "refresh_token"),
                List.of("https://spa.example.com/cb"), Set.of("tickets:read", "tickets:write"), true);

        assertThat(app.secret()).isNotBlank();
        assertThat(app.toString()).doesNotContain(app.secret());
        assertThat(app.client().publicClient()).isFalse();
        assertThat(spa.secret()).isNull();
        assertThat(spa.client().redirectUris()).containsExactly("https://spa.example.com/cb");
        assertThat(admin.clients()).extracting(c -> c.id()).contains(app.client().id(), spa.client().id());
        assertThat(hub.server.clients().authenticate(app.client().id(), app.secret())).isPresent();

        String rotated = admin.rotateClientSecret(app.client().id()).orElseThrow();

        assertThat(rotated).isNotEqualTo(app.secret());
        assertThat(hub.server.clients().authenticate(app.client().id(), app.secret())).isEmpty();
        assertThat(hub.server.clients().authenticate(app.client().id(), rotated)).isPresent();
        assertThat(admin.rotateClientSecret(spa.client().id())).as("public client").isEmpty();
        assertThat(admin.rotateClientSecret("unknown")).isEmpty();
        assertThat(admin.rotateClientSecret(null)).isEmpty();
    }

    @Test
    void createValidatesAsTheShellDoes() throws Exception {
        hub = new TestServer(Kind.H2);
        OAuth2Admin admin = new OAuth2AdminImpl(hub.server);
        assertThatThrownBy(() -> admin.createClient(" ", Set.of("password"), List.of(), Set.of("nope"), false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field).contains("name", "scope"));
        assertThat(admin.clients()).isEmpty();
    }
}
