package org.integrationhub.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.gateway.internal.shell.IntegrationAddCommandAccess;
import org.junit.jupiter.api.Test;

/** The REST body of instance creation, its refusals as problem+json, and the shell's key=value arguments. */
class InstanceRequestsTest {

    @Test
    void aCreationBodyBecomesTypeNameAndCfgStyleValues() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", "http://x");
        config.put("quotaPerSecond", 50);
        config.put("verbose", true);
        config.put("integration.events", List.of("ticket.created", "comment.added"));
        config.put("integration.min.priority", "");
        InstanceRequests.Create c = InstanceRequests.create(Map.of("type", "http-notify", "name", "ops", "config", config));
        assertThat(c.type()).isEqualTo("http-notify");
        assertThat(c.name()).isEqualTo("ops");
        assertThat(c.config()).containsExactly(Map.entry("url", "http://x"), Map.entry("quotaPerSecond", "50"),
                Map.entry("verbose", "true"), Map.entry("integration.events", "ticket.created, comment.added"),
                Map.entry("integration.min.priority", ""));
    }

    @Test
    void aNullValueIsAKeyLeftOutSoItTakesItsDefault() {
        // CONTRACT "Connector instances": integration.events defaults to *; only an explicit empty value means none
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", "http://x");
        config.put("integration.events", null);
        config.put("integration.min.priority", null);
        assertThat(InstanceRequests.create(Map.of("type", "http-notify", "name", "ops", "config", config)).config())
                .containsExactly(Map.entry("url", "http://x"));
        config.put("integration.events", List.of());
        assertThat(InstanceRequests.create(Map.of("type", "http-notify", "name", "ops", "config", config)).config())
                .as("an empty list: no events, on purpose").containsEntry("integration.events", "");
    }

    @Test
    void aCreationRequestNeverShowsASecretInItsText() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", "http://x");
        config.put(".token", "xoxb-never-shown");
        String text = InstanceRequests.create(Map.of("type", "http-notify", "name", "ops", "config", config)).toString();
        assertThat(text).contains("http-notify", "ops", ".token", "url").doesNotContain("xoxb-never-shown");
    }

    @Test
    void aMisshapenBodyNamesEveryField() {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> InstanceRequests.create(
                Map.of("type", 3, "config", Map.of("nested", Map.of("a", 1)), "extra", "x")));
        assertThat(e.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("extra", "type", "name", "config.nested");
        assertThat(catchThrowableOfType(ValidationException.class, () -> InstanceRequests.create(
                Map.of("type", "t", "name", "n", "config", List.of()))).errors()).extracting(FieldError::field)
                .containsExactly("config");
    }

    @Test
    void refusalsAreProblemJsonWithTheirStatus() {
        Map<String, Object> body = InstanceRequests.problemBody(new ValidationException(List.of(
                new FieldError("url", "is required"), new FieldError("name", "must match"))), true);
        assertThat(body).containsEntry("type", "urn:integration-hub:problem:invalid-configuration")
                .containsEntry("status", 400);
        assertThat(body.get("errors")).isEqualTo(List.of(Map.of("field", "config.url", "message", "is required"),
                Map.of("field", "name", "message", "must match")));
        assertThat(InstanceRequests.problemBody(new NotFoundException("No connector type 'x'"), false))
                .containsEntry("status", 404).containsEntry("detail", "No connector type 'x'");
        assertThat(InstanceRequests.problemBody(new ConflictException("exists"), false)).containsEntry("status", 409)
                .containsEntry("type", "urn:integration-hub:problem:duplicate-integration");
    }

    @Test
    void shellArgumentsAreKeyEqualsValueAndNeverEchoed() {
        assertThat(IntegrationAddCommandAccess.parse(List.of("url=http://x?a=b", ".token=env:T", "integration.events=")))
                .containsExactly(Map.entry("url", "http://x?a=b"), Map.entry(".token", "env:T"),
                        Map.entry("integration.events", ""));
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> IntegrationAddCommandAccess.parse(List.of("url=http://x", "xoxb-secret-token")));
        assertThat(e).hasMessage("Every configuration argument is key=value; argument 2 is not");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> IntegrationAddCommandAccess.parse(List.of("url=a", "url=b")))).hasMessage("Key url is given twice");
    }
}
