package org.integrationhub.oauth2.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.integrationhub.security.Scopes;
import org.junit.jupiter.api.Test;

/** The consent page explains every scope the hub knows in words, not just by its name. */
class ScopeTextTest {

    @Test
    void everyScopeHasAText() {
        assertThat(Pages.SCOPE_TEXT.keySet()).containsExactlyInAnyOrderElementsOf(Scopes.ALL);
    }
}
