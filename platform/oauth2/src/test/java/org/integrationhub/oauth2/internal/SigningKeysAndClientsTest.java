package org.integrationhub.oauth2.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.integrationhub.api.ValidationException;
import org.integrationhub.persistence.testing.MutableClock;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.nimbusds.jose.jwk.JWKSet;

/** Key rotation with overlap, encrypted key storage, and client registration rules, on H2 and PostgreSQL. */
class SigningKeysAndClientsTest {

    TestServer hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rotationKeepsThePreviousKeyPublishedUntilItsTokensExpire(Kind kind) throws Exception {
        hub = new TestServer(kind, new MutableClock(Instant.now()), "correct horse battery staple");
        ClientRegistry.Created client = hub.confidential("client_credentials");
        String before = (String) hub.server.tokens().token(java.util.Map.of("grant_type", "client_credentials"),
                new ClientCredentials(client.client().id(), client.secret(), false)).get("access_token");
        String oldKid = hub.server.keys().active().getKeyID();

        String newKid = hub.server.keys().rotate();

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(JWKSet.parse(hub.server.keys().jwksJson()).getKeys()).extracting(k -> k.getKeyID())
                .containsExactlyInAnyOrder(newKid, oldKid);
        assertThat(hub.server.authenticateBearer(before)).as("old token still valid").isPresent();
        assertThat(JWKSet.parse(hub.server.keys().jwksJson()).getKeys()).allMatch(k -> !k.isPrivate());

        hub.clock.advance(Duration.ofMinutes(12));
        hub.server.housekeeping();
        assertThat(JWKSet.parse(hub.server.keys().jwksJson()).getKeys()).extracting(k -> k.getKeyID()).containsExactly(newKid);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void privateKeysAreStoredEncryptedWhenASecretIsConfigured(Kind kind) throws Exception {
        hub = new TestServer(kind, new MutableClock(Instant.now()), "s3cret");
        String stored = hub.database.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT private_key FROM oauth_signing_key")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(stored).startsWith("enc:");
        assertThatThrownBy(() -> new KeyEncryption("other").open(stored)).isInstanceOf(IllegalStateException.class);
        assertThat(new KeyEncryption("s3cret").open(stored)).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void clientRegistrationRulesAndSecrets(Kind kind) throws Exception {
        hub = new TestServer(kind);
        ClientRegistry registry = hub.server.clients();
        assertThatThrownBy(() -> registry.create("x", Set.of("password"), List.of(), Set.of("tickets:read"), false))
                .isInstanceOf(ValidationException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> registry.create("x", Set.of("client_credentials"), List.of(), Set.of("tickets:read"), true))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> registry.create("x", Set.of("authorization_code"), List.of(), Set.of("tickets:read"), false))
                .isInstanceOf(ValidationException.class).hasMessageContaining("redirect");
        assertThatThrownBy(() -> registry.create("x", Set.of("authorization_code"), List.of("http://app.example.com/cb"),
                Set.of("tickets:read"), false)).isInstanceOf(ValidationException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> registry.create("x", Set.of("client_credentials"), List.of(), Set.of("root"), false))
                .isInstanceOf(ValidationException.class).hasMessageContaining("root");

        ClientRegistry.Created c = registry.create(" M2M ", Set.of("client_credentials"), List.of(), Set.of("tickets:read"),
                false);
        assertThat(c.secret()).matches("[A-Za-z0-9_-]{43}");
        assertThat(c.toString()).doesNotContain(c.secret());
        assertThat(c.client().secretHash()).isEqualTo(Secrets.sha256Hex(c.secret())).doesNotContain(c.secret());
        assertThat(registry.authenticate(c.client().id(), c.secret())).isPresent();

        String rotated = registry.rotateSecret(c.client().id()).orElseThrow();
        assertThat(registry.authenticate(c.client().id(), c.secret())).isEmpty();
        assertThat(registry.authenticate(c.client().id(), rotated)).isPresent();
        assertThat(registry.revoke(c.client().id())).isTrue();
        assertThat(registry.authenticate(c.client().id(), rotated)).isEmpty();
        assertThat(registry.list()).extracting(OAuthClient::name).contains("M2M");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void jaasLoginReturnsRoles(Kind kind) {
        JaasUserAuthenticator jaas = new JaasUserAuthenticator(TestLoginModule.REALM, TestLoginModule.configuration());
        assertThat(jaas.authenticate("root", "secret".toCharArray())).hasValueSatisfying(u -> assertThat(u.roles())
                .containsExactly("admin"));
        assertThat(jaas.authenticate("root", "wrong".toCharArray())).isEmpty();
        assertThat(jaas.authenticate("nobody", "x".toCharArray())).isEmpty();
        assertThat(new JaasUserAuthenticator("no-such-realm", TestLoginModule.configuration())
                .authenticate("root", "secret".toCharArray())).isEmpty();
    }
}
