package org.integrationhub.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.integrationhub.api.ValidationException;
import org.junit.jupiter.api.Test;

class ApiKeyCreateCommandTest {

    @Test
    void rateLimitParsing() {
        assertThat(ApiKeyCreateCommand.parseRateLimit(null)).isNull();
        assertThat(ApiKeyCreateCommand.parseRateLimit("unlimited")).isZero();
        assertThat(ApiKeyCreateCommand.parseRateLimit("60")).isEqualTo(60);
        assertThatThrownBy(() -> ApiKeyCreateCommand.parseRateLimit("-3")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ApiKeyCreateCommand.parseRateLimit("lots")).isInstanceOf(ValidationException.class);
    }
}
