package org.integrationhub.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.gateway.internal.shell.IntegrationAddCommandAccess;
import org.integrationhub.rest.json.JsonRequest;
import org.integrationhub.rest.json.ProblemException;
import org.junit.jupiter.api.Test;

/**
 * The REST body of instance creation (read by JsonRequest: shape 400, values 422), its refusals, and the shell's
 * key=value arguments.
 */
class InstanceRequestsTest {

    private static InstanceRequests.Create create(String json) {
        return InstanceRequests.create(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCreationBodyBecomesTypeNameAndCfgStyleValues() {
        InstanceRequests.Create c = create("{\"type\":\"http-notify\",\"name\":\"ops\",\"config\":{\"url\":\"http://x\","
                + "\"quotaPerSecond\":50,\"verbose\":true,\"integration.events\":[\"ticket.created\",\"comment.added\"],"
                + "\"integration.min.priority\":\"\"}}");
        assertThat(c.type()).isEqualTo("http-notify");
        assertThat(c.name()).isEqualTo("ops");
        assertThat(c.config()).containsExactly(Map.entry("url", "http://x"), Map.entry("quotaPerSecond", "50"),
                Map.entry("verbose", "true"), Map.entry("integration.events", "ticket.created, comment.added"),
                Map.entry("integration.min.priority", ""));
        assertThat(create("{\"type\":\"http-notify\",\"name\":\"ops\"}").config()).as("config is optional").isEmpty();
    }

    @Test
    void aNullValueIsAKeyLeftOutSoItTakesItsDefault() {
        // CONTRACT "Connector instances": integration.events defaults to *; only an explicit empty value means none
        assertThat(create("{\"type\":\"http-notify\",\"name\":\"ops\",\"config\":{\"url\":\"http://x\","
                + "\"integration.events\":null,\"integration.min.priority\":null}}").config())
                .containsExactly(Map.entry("url", "http://x"));
        assertThat(create("{\"type\":\"http-notify\",\"name\":\"ops\",\"config\":{\"url\":\"http://x\","
                + "\"integration.events\":[]}}").config())
                .as("an empty list: no events, on purpose").containsEntry("integration.events", "");
    }

    @Test
    void aCreationRequestNeverShowsASecretInItsText() {
        String text = create("{\"type\":\"http-notify\",\"name\":\"ops\",\"config\":{\"url\":\"http://x\","
                + "\".token\":\"xoxb-never-shown\"}}").toString();
        assertThat(text).contains("http-notify", "ops", ".token", "url").doesNotContain("xoxb-never-shown");
    }

    @Test
    void aMisshapenBodyIsOne400NamingEveryField() {
        // the rule of every /api/v1 body: unknown member or wrong JSON type -> 400 naming the field
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> create(
                "{\"type\":3,\"name\":\"n\",\"config\":{\"nested\":{\"a\":1},\"list\":[[1]],\"ok\":1},\"extra\":\"x\"}"));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("extra", "type", "config.nested", "config.list");
        assertThat(catchThrowableOfType(ProblemException.class, () -> create(
                "{\"type\":\"t\",\"name\":\"n\",\"config\":[]}")).errors()).extracting(FieldError::field)
                .containsExactly("config");
        assertThat(catchThrowableOfType(ProblemException.class, () -> create("[]")).status()).isEqualTo(400);
        assertThat(catchThrowableOfType(ProblemException.class, () -> create("")).status()).isEqualTo(400);
        assertThat(catchThrowableOfType(JsonRequest.JsonBodyException.class, () -> create("{\"type\":")))
                .as("malformed JSON, answered 400 by the REST bundle's mapper").isNotNull();
    }

    @Test
    void missingTypeOrNameIsA422LikeEveryMissingField() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> create("{\"name\":\" \",\"config\":{\"url\":\"http://x\"}}"));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("type", "name");
    }

    @Test
    void configurationRefusalsNameTheirKeysAsConfigMembers() {
        ValidationException e = InstanceRequests.configurationErrors(new ValidationException(List.of(
                new FieldError("url", "is required"), new FieldError("name", "must match"))));
        assertThat(e.errors()).containsExactly(new FieldError("config.url", "is required"),
                new FieldError("name", "must match"));
    }

    @Test
    void otherRefusalsAreProblemJsonWithTheirStatus() {
        assertThat(InstanceRequests.problemBody(new NotFoundException("No connector type 'x'")))
                .containsEntry("status", 404).containsEntry("detail", "No connector type 'x'")
                .containsEntry("type", "urn:integration-hub:problem:not-found");
        assertThat(InstanceRequests.problemBody(new ConflictException("exists"))).containsEntry("status", 409)
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
