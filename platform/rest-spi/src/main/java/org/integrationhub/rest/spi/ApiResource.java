package org.integrationhub.rest.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Marker for JAX-RS root resources that a platform bundle contributes to the hub's REST API under {@code /api}.
 * Register the resource object as an OSGi service of this type (e.g. a DS component with
 * {@code service = ApiResource.class}); the REST bundle adds it to the API while the service exists, with the
 * hub's authentication, per-client rate limit, scope check ({@link RequiresScope} on each method) and
 * problem+json error mapping (throw {@code org.integrationhub.api} exceptions or JAX-RS ones). Paths are
 * relative to {@code /api}, e.g. {@code @Path("/v1/webhooks")}. JSON is read and written with the hub's
 * canonical mapper.
 *
 * @since 0.1.0
 */
@ConsumerType
public interface ApiResource {
}
