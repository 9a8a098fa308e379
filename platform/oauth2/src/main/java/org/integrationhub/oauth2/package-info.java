/**
 * The OAuth2 authorization server as the hub's administrative faces (web console, tools) see it: its clients without
 * their secrets, revoking a client, its signing keys and their rotation ({@link org.integrationhub.oauth2.OAuth2Admin}).
 * Registering clients stays with the shell, which shows a client secret once.
 *
 * @since 0.1.0
 */
@Version("0.1.0")
@Export
package org.integrationhub.oauth2;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
