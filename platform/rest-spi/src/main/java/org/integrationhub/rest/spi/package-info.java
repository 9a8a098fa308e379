/**
 * The REST contribution SPI: how a bundle adds to the hub's API under {@code /api/v1}. Register an
 * {@link org.integrationhub.rest.spi.ApiResource} service (a JAX-RS resource) and it joins the API with the hub's
 * authentication, rate limits and scope checks ({@link org.integrationhub.rest.spi.RequiresScope}); register a
 * {@link org.integrationhub.rest.spi.TokenAuthenticator} to accept another kind of credential. An endpoint that
 * authenticates requests itself keeps the checks to ask, in order, in one
 * {@link org.integrationhub.rest.spi.Authenticators}. Request bodies and problem answers are in
 * {@code org.integrationhub.rest.json}.
 *
 * @since 0.1.0 (in {@code org.integrationhub.security} before); 0.2.0 adds {@code Authenticators}
 */
@Version("0.2.0")
@Export
package org.integrationhub.rest.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
