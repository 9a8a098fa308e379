package org.integrationhub.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.rest.json.ProblemException;
import org.junit.jupiter.api.Test;

/** Bad query parameters of an integration's delivery list are a 400, as on every list of /api/v1. */
class IntegrationDeliveryResourceTest {

    @Test
    void badQueryParametersAreOne400NamingEach() {
        IntegrationDeliveryResource resource = new IntegrationDeliveryResource(null); // refused before it is asked
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> resource.list("ops", "lost", "", "1000"));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.type()).isEqualTo("invalid-request");
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("status", "limit", "cursor");
        assertThat(catchThrowableOfType(ProblemException.class, () -> resource.list("ops", null, null, "x")).errors())
                .extracting(FieldError::field).containsExactly("limit");
    }
}
