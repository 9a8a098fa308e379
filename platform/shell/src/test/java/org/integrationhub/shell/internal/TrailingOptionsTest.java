package org.integrationhub.shell.internal;

import org.integrationhub.shell.support.TrailingOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.integrationhub.api.ValidationException;
import org.junit.jupiter.api.Test;

class TrailingOptionsTest {

    private static final List<String> SCOPE = List.of("--scope", "-s");
    private static final List<String> LIMIT = List.of("--rate-limit", "-r");

    @Test
    void readsRepeatedAndEqualsForms() {
        TrailingOptions o = TrailingOptions.parse(List.of("--scope", "tickets:read", "-s", "admin", "--rate-limit=unlimited"), SCOPE, LIMIT);
        assertThat(o.values("--scope")).containsExactly("tickets:read", "admin");
        assertThat(o.values("--rate-limit")).containsExactly("unlimited");
    }

    @Test
    void refusesUnknownWordsAndMissingValues() {
        assertThatThrownBy(() -> TrailingOptions.parse(List.of("extra"), SCOPE, LIMIT)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("unexpected 'extra'");
        assertThatThrownBy(() -> TrailingOptions.parse(List.of("--scope"), SCOPE, LIMIT)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("needs a value");
    }

    @Test
    void rateLimitParsing() {
        assertThat(ApiKeyCreateCommand.parseRateLimit(null)).isNull();
        assertThat(ApiKeyCreateCommand.parseRateLimit("unlimited")).isZero();
        assertThat(ApiKeyCreateCommand.parseRateLimit("60")).isEqualTo(60);
        assertThatThrownBy(() -> ApiKeyCreateCommand.parseRateLimit("-3")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ApiKeyCreateCommand.parseRateLimit("lots")).isInstanceOf(ValidationException.class);
    }
}
