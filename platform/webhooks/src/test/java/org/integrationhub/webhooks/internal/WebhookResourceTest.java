package org.integrationhub.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.integrationhub.rest.json.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad query parameters of an endpoint's delivery list are a 400, as on every list of /api/v1. */
class WebhookResourceTest {

    private WebhookFixture fx;

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void badDeliveryListParametersAreOne400NamingEach() throws Exception {
        fx = new WebhookFixture(Kind.H2, Map.of());
        WebhookResource resource = new WebhookResource(fx.registry, fx.engine);
        String id = fx.registry.create(new WebhookInput("http://127.0.0.1:9/hook", List.of("ticket.created"), "desk",
                null, null, null, null, null, null)).endpoint().id();

        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> resource.deliveries(id, "lost", "", "0"));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.type()).isEqualTo("invalid-request");
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("status", "limit", "cursor");
        assertThat(resource.deliveries(id, "failed", null, "5")).containsEntry("has_more", false);
    }
}
