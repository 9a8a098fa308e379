/**
 * The connector gateway's service API: list the connector instances the hub knows, their health and metrics, and
 * call their actions through the instance's resilience policies ({@link org.integrationhub.gateway.IntegrationGateway}).
 * Used by the hub's faces (REST, shell, web console) and by bundles that call connectors.
 *
 * @since 0.1.0
 */
@Version("0.3.0")
@Export
package org.integrationhub.gateway;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
