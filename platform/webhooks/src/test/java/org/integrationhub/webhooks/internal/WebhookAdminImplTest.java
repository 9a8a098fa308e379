package org.integrationhub.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.ValidationException;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.integrationhub.webhooks.CreatedWebhook;
import org.integrationhub.webhooks.WebhookAdmin;
import org.integrationhub.webhooks.WebhookEndpointInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The admin view of endpoints: no secret crosses it except in the answer of create and rotate, disable/enable behaves
 * as the REST PATCH does.
 */
class WebhookAdminImplTest {

    private WebhookFixture fx;

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private WebhookAdmin admin(Kind kind) throws Exception {
        fx = new WebhookFixture(kind, Map.of());
        return new WebhookAdminImpl(fx.registry);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void listsEndpointsWithoutSecretsAndTogglesDisabled(Kind kind) throws Exception {
        WebhookAdmin admin = admin(kind);
        String id = fx.registry.create(new WebhookInput("http://127.0.0.1:9/hook", List.of("ticket.created"), "desk",
                null, null, null, null, null, null)).endpoint().id();
        fx.registry.rotate(id);

        assertThat(admin.list()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(id);
            assertThat(e.url()).isEqualTo("http://127.0.0.1:9/hook");
            assertThat(e.events()).containsExactly("ticket.created");
            assertThat(e.description()).isEqualTo("desk");
            assertThat(e.disabled()).isFalse();
            assertThat(e.previousSecretUntil()).isNotNull();
            assertThat(e.toString()).doesNotContain("whsec_");
        });

        WebhookEndpointInfo off = admin.setDisabled(id, true);
        assertThat(off.disabled()).isTrue();
        assertThat(off.disabledReason()).isEqualTo("disabled by an operator");
        assertThat(fx.registry.get(id).disabled()).isTrue();

        WebhookEndpointInfo on = admin.setDisabled(id, false);
        assertThat(on.disabled()).isFalse();
        assertThat(on.disabledReason()).isNull();
        assertThat(admin.get(id)).contains(on);
    }

    @Test
    void unknownIdsAreEmptyOrNotFound() throws Exception {
        WebhookAdmin admin = admin(Kind.H2);
        assertThat(admin.get("nope")).isEmpty();
        assertThat(admin.get(null)).isEmpty();
        assertThatThrownBy(() -> admin.setDisabled("nope", true)).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void createsAnEndpointAndRotatesItsSecretShowingEachSecretOnce(Kind kind) throws Exception {
        WebhookAdmin admin = admin(kind);

        CreatedWebhook created = admin.create("http://127.0.0.1:9/in", Set.of("ticket.created", "comment.added"),
                "  console  ");

        assertThat(created.secret()).startsWith("whsec_");
        assertThat(created.toString()).doesNotContain(created.secret());
        assertThat(created.endpoint().events()).containsExactlyInAnyOrder("ticket.created", "comment.added");
        assertThat(created.endpoint().description()).isEqualTo("console");
        assertThat(fx.registry.get(created.endpoint().id()).secret()).isEqualTo(created.secret());
        assertThat(admin.create("http://127.0.0.1:9/all", Set.of(), null).endpoint().events()).containsExactly("*");

        CreatedWebhook rotated = admin.rotateSecret(created.endpoint().id());
        assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo(created.secret());
        assertThat(rotated.endpoint().previousSecretUntil()).isNotNull();
        assertThat(fx.registry.get(created.endpoint().id()).previousSecret()).isEqualTo(created.secret());
    }

    @Test
    void createValidatesAsTheApiDoesAndRotateOfAnUnknownIdIsNotFound() throws Exception {
        WebhookAdmin admin = admin(Kind.H2);
        assertThatThrownBy(() -> admin.create("ftp://127.0.0.1/x", Set.of(), null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> admin.create("http://127.0.0.1:9/x", Set.of("ticket.exploded"), null))
                .isInstanceOf(ValidationException.class);
        assertThat(admin.list()).isEmpty();
        assertThatThrownBy(() -> admin.rotateSecret("nope")).isInstanceOf(NotFoundException.class);
    }
}
