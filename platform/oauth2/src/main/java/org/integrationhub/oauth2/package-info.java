/**
 * The OAuth2 authorization server as the hub's administrative faces (web console, tools) see it: its clients without
 * their secrets, revoking a client, its signing keys and their rotation ({@link org.integrationhub.oauth2.OAuth2Admin});
 * since 0.2.0 registering a client and replacing its secret, whose answers carry the secret to be shown once.
 *
 * @since 0.1.0
 */
@Version("0.2.0")
@Export
package org.integrationhub.oauth2;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
