package org.integrationhub.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.integrationhub.api.ValidationException;
import org.integrationhub.security.HubPrincipal;
import org.integrationhub.security.Scopes;
import org.junit.jupiter.api.Test;

class ScopesTest {

    @Test
    void theContractScopes() {
        assertThat(Scopes.ALL).containsExactly("tickets:read", "tickets:write", "customers:read", "customers:write",
                "webhooks:manage", "integrations:read", "integrations:execute", "metrics:read", "admin");
        assertThat(Scopes.isValid("tickets:read")).isTrue();
        assertThat(Scopes.isValid("TICKETS:READ")).isFalse();
        assertThat(Scopes.isValid(null)).isFalse();
    }

    @Test
    void adminImpliesEveryScope() {
        HubPrincipal admin = new HubPrincipal("id", "n", HubPrincipal.Kind.API_KEY, Set.of(Scopes.ADMIN), null);
        assertThat(Scopes.ALL).allMatch(admin::hasScope);
        HubPrincipal reader = new HubPrincipal("id", "n", HubPrincipal.Kind.OAUTH_CLIENT, Set.of(Scopes.TICKETS_READ),
                null);
        assertThat(reader.hasScope(Scopes.TICKETS_READ)).isTrue();
        assertThat(reader.hasScope(Scopes.TICKETS_WRITE)).isFalse();
        assertThat(reader.hasScope(Scopes.ADMIN)).isFalse();
    }

    @Test
    void validatesParsesAndFormats() {
        assertThat(Scopes.validate(List.of("tickets:write", "tickets:read", "tickets:read"), "scopes"))
                .containsExactlyInAnyOrder("tickets:read", "tickets:write");
        assertThatThrownBy(() -> Scopes.validate(Arrays.asList("tickets:read", "root", null), "scope"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).hasSize(2);
                    assertThat(e.errors().get(0).field()).isEqualTo("scope");
                    assertThat(e.errors().get(0).message()).contains("root").contains("webhooks:manage");
                });
        assertThat(Scopes.parse("  tickets:read   admin ")).containsExactlyInAnyOrder("tickets:read", "admin");
        assertThat(Scopes.parse(null)).isEmpty();
        assertThat(Scopes.format(Set.of("tickets:write", "admin"))).isEqualTo("admin tickets:write");
    }

    @Test
    void principalRejectsNegativeLimit() {
        assertThatThrownBy(() -> new HubPrincipal("id", "n", HubPrincipal.Kind.API_KEY, Set.of(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
