/**
 * Request bodies and error answers shared by every bundle that serves part of {@code /api/v1}:
 * {@link org.integrationhub.rest.json.JsonRequest} reads and checks a JSON object body,
 * {@link org.integrationhub.rest.json.Problem} builds RFC 9457 problem+json answers, and
 * {@link org.integrationhub.rest.json.ProblemException} carries a client error to the REST bundle's exception mapper.
 *
 * @since 0.1.0
 */
@Version("0.1.0")
@Export
package org.integrationhub.rest.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
