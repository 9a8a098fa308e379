/**
 * Signing and verification of Integration Hub webhooks: {@link org.integrationhub.webhook.verifier.WebhookVerifier}
 * for receivers, {@link org.integrationhub.webhook.verifier.WebhookSigner} for the sender. JDK only.
 *
 * @since 0.1.0
 */
@Version("0.3.0")
@Export
package org.integrationhub.webhook.verifier;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
