package org.integrationhub.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.internal.DatabaseImpl;
import org.integrationhub.persistence.testing.MutableClock;
import org.integrationhub.persistence.testing.TestDatabases;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.integrationhub.security.ApiKeyInfo;
import org.integrationhub.security.CreatedApiKey;
import org.integrationhub.security.HubPrincipal;
import org.integrationhub.security.Scopes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ApiKeyServiceImplTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

    private Database database(Kind kind) {
        return new DatabaseImpl(TestDatabases.create(kind));
    }

    private ApiKeyServiceImpl service(Database db) {
        return new ApiKeyServiceImpl(db, 5, 60, clock);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void createdKeyAuthenticatesWithItsScopesAndLimit(Kind kind) {
        ApiKeyServiceImpl service = service(database(kind));
        CreatedApiKey created = service.create("  Zendesk sync ", Set.of(Scopes.TICKETS_READ, Scopes.TICKETS_WRITE), 3);

        assertThat(created.key()).matches("hub_[A-Za-z0-9_-]{43}");
        assertThat(created.toString()).doesNotContain(created.key());
        ApiKeyInfo info = created.info();
        assertThat(info.name()).isEqualTo("Zendesk sync");
        assertThat(info.id()).hasSize(26);
        assertThat(info.prefix()).isEqualTo(created.key().substring(0, 12));
        assertThat(info.rateLimit()).isEqualTo(3);

        HubPrincipal p = service.authenticate(created.key()).orElseThrow();
        assertThat(p.clientId()).isEqualTo(info.id());
        assertThat(p.name()).isEqualTo("Zendesk sync");
        assertThat(p.kind()).isEqualTo(HubPrincipal.Kind.API_KEY);
        assertThat(p.scopes()).containsExactlyInAnyOrder(Scopes.TICKETS_READ, Scopes.TICKETS_WRITE);
        assertThat(p.rateLimitPerMinute()).isEqualTo(3);
        assertThat(p.hasScope(Scopes.TICKETS_READ)).isTrue();
        assertThat(p.hasScope(Scopes.WEBHOOKS_MANAGE)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rateLimitNullMeansDefaultAndZeroUnlimited(Kind kind) {
        ApiKeyServiceImpl service = service(database(kind));
        CreatedApiKey byDefault = service.create("default", Set.of(Scopes.ADMIN), null);
        CreatedApiKey unlimited = service.create("unlimited", Set.of(Scopes.ADMIN), 0);
        assertThat(service.authenticate(byDefault.key()).orElseThrow().rateLimitPerMinute()).isNull();
        assertThat(service.authenticate(unlimited.key()).orElseThrow().rateLimitPerMinute()).isZero();
        assertThat(service.list()).extracting(ApiKeyInfo::rateLimit).containsExactly(null, 0);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void storesOnlyTheHashNeverThePlaintext(Kind kind) {
        Database db = database(kind);
        ApiKeyServiceImpl service = service(db);
        CreatedApiKey created = service.create("k", Set.of(Scopes.TICKETS_READ), null);
        String secretPart = created.key().substring(4);

        List<String> cells = db.inTransaction(c -> {
            List<String> values = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM api_key");
                    ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        values.add(String.valueOf(rs.getObject(i)));
                    }
                }
            }
            return values;
        });
        assertThat(cells).isNotEmpty();
        assertThat(cells).noneMatch(v -> v.contains(secretPart));
        assertThat(cells).contains(ApiKeyServiceImpl.hash(created.key()));
        assertThat(ApiKeyServiceImpl.hash(created.key())).matches("[0-9a-f]{64}");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void wrongOrMalformedKeysDoNotAuthenticate(Kind kind) {
        ApiKeyServiceImpl service = service(database(kind));
        CreatedApiKey created = service.create("k", Set.of(Scopes.TICKETS_READ), null);
        String key = created.key();
        char last = key.charAt(key.length() - 1);
        String oneCharOff = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(service.authenticate(null)).isEmpty();
        assertThat(service.authenticate("")).isEmpty();
        assertThat(service.authenticate("hub_")).isEmpty();
        assertThat(service.authenticate(oneCharOff)).isEmpty();
        assertThat(service.authenticate(key + "x")).isEmpty();
        assertThat(service.authenticate(" " + key)).isEmpty();
        assertThat(service.authenticate("' OR '1'='1")).isEmpty();
        assertThat(service.authenticate(created.info().prefix())).isEmpty();
        assertThat(service.authenticate(ApiKeyServiceImpl.hash(key))).isEmpty();
        assertThat(service.authenticate(key)).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void revokedKeyNeverAuthenticatesEvenWhenCached(Kind kind) {
        ApiKeyServiceImpl service = service(database(kind));
        CreatedApiKey a = service.create("a", Set.of(Scopes.TICKETS_READ), null);
        CreatedApiKey b = service.create("b", Set.of(Scopes.TICKETS_READ), null);
        assertThat(service.authenticate(a.key())).isPresent(); // now cached

        assertThat(service.revoke(a.info().id())).isTrue();
        assertThat(service.authenticate(a.key())).isEmpty();
        assertThat(service.authenticate(b.key())).isPresent();
        assertThat(service.revoke(a.info().id())).isFalse();
        assertThat(service.revoke("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isFalse();
        assertThat(service.revoke("'; DROP TABLE api_key; --")).isFalse();
        assertThat(service.revoke(null)).isFalse();

        clock.advance(Duration.ofMinutes(10));
        assertThat(service.authenticate(a.key())).isEmpty();
        ApiKeyInfo revoked = service.list().get(0);
        assertThat(revoked.isRevoked()).isTrue();
        assertThat(revoked.revokedAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(service.list().get(1).isRevoked()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void listsKeysOldestFirstWithoutSecrets(Kind kind) {
        ApiKeyServiceImpl service = service(database(kind));
        CreatedApiKey first = service.create("first", Set.of(Scopes.TICKETS_READ), 10);
        clock.advance(Duration.ofSeconds(1));
        CreatedApiKey second = service.create("second", Set.of(Scopes.ADMIN, Scopes.WEBHOOKS_MANAGE), null);

        List<ApiKeyInfo> keys = service.list();
        assertThat(keys).extracting(ApiKeyInfo::id).containsExactly(first.info().id(), second.info().id());
        assertThat(keys.get(0)).isEqualTo(first.info());
        assertThat(keys.get(1).scopes()).containsExactlyInAnyOrder(Scopes.ADMIN, Scopes.WEBHOOKS_MANAGE);
        assertThat(keys.get(1).createdAt()).isEqualTo(Instant.parse("2026-01-01T10:00:01Z"));
        assertThat(keys.get(1).lastUsedAt()).isNull();
        assertThat(keys.toString()).doesNotContain(first.key().substring(12)).doesNotContain(second.key().substring(12));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void lastUsedIsWrittenAtMostOncePerMinute(Kind kind) {
        Database db = database(kind);
        ApiKeyServiceImpl service = service(db);
        CreatedApiKey created = service.create("k", Set.of(Scopes.TICKETS_READ), null);
        Instant t0 = clock.instant();

        service.authenticate(created.key());
        assertThat(lastUsed(db)).isEqualTo(t0);
        clock.advance(Duration.ofSeconds(30));
        service.authenticate(created.key());
        assertThat(lastUsed(db)).isEqualTo(t0);
        clock.advance(Duration.ofSeconds(31));
        service.authenticate(created.key());
        assertThat(lastUsed(db)).isEqualTo(t0.plusSeconds(61));
        assertThat(service.list().get(0).lastUsedAt()).isEqualTo(t0.plusSeconds(61));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void successfulLookupsAreCachedAtMostFiveSeconds(Kind kind) {
        Database db = database(kind);
        ApiKeyServiceImpl service = service(db);
        CreatedApiKey created = service.create("k", Set.of(Scopes.TICKETS_READ), null);
        assertThat(service.authenticate(created.key())).isPresent();

        // Revoked behind this node's back (another node): the cache may serve it until it expires.
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE api_key SET revoked_at = CURRENT_TIMESTAMP"));
        clock.advance(Duration.ofSeconds(4));
        assertThat(service.authenticate(created.key())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(service.authenticate(created.key())).isEmpty();
    }

    @Test
    void rejectsInvalidInputWithFieldErrors() {
        ApiKeyServiceImpl service = service(database(Kind.H2));
        assertThatThrownBy(() -> service.create(" ", Set.of("tickets:delete"), -1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("name", "scopes", "rate_limit"));
        assertThatThrownBy(() -> service.create("x".repeat(101), Set.of(Scopes.ADMIN), null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> service.create("k", Set.of(), null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors().get(0).message()).contains("tickets:read"));
        assertThat(service.list()).isEmpty();
    }

    @Test
    void configDefaults() throws Exception {
        Class<? extends Annotation> config = ApiKeyServiceImpl.Config.class;
        assertThat(config.getMethod("cacheSeconds").getDefaultValue()).isEqualTo(5);
        assertThat(config.getMethod("lastUsedResolutionSeconds").getDefaultValue()).isEqualTo(60);
        assertThat(ApiKeyServiceImpl.PID).isEqualTo("org.integrationhub.security.apikeys");
    }

    private static Instant lastUsed(Database db) {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT last_used_at FROM api_key")) {
                rs.next();
                return Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                        .orElse(null);
            }
        });
    }
}
