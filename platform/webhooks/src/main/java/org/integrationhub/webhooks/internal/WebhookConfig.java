package org.integrationhub.webhooks.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of webhooks (PID {@code org.integrationhub.webhooks}). */
@ObjectClassDefinition(name = "Integration Hub webhooks",
        description = "Webhook endpoints: target networks, secrets, timeouts, retries, auto-disable.")
public @interface WebhookConfig {

    @AttributeDefinition(name = "Enabled", description = "Send webhooks. When false nothing is sent: deliveries "
            + "stay pending (no attempt is counted, endpoints are not failing) and go out once this is true again; "
            + "one still pending after the delivery engine's absence retention (absentRetentionHours, default 7 "
            + "days) fails and can be redelivered or replayed. Endpoints can still be managed.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Verify TLS certificates (default)", description = "The tls_verify of endpoints "
            + "registered without one. False trusts any certificate (and host name) of such an endpoint; each "
            + "endpoint can still say otherwise (tls_verify, hub:webhook-add --tls-verify).")
    boolean verifySsl() default true;

    @AttributeDefinition(name = "Allowed networks", description = "CIDRs that endpoints may target although they are "
            + "not public (e.g. 127.0.0.0/8, 10.0.0.0/8). Empty: public addresses only.")
    String[] allowedNetworks() default {};

    @AttributeDefinition(name = "Secret key file", description = "File holding the AES-256 key (base64) that encrypts "
            + "endpoint secrets at rest; created with owner-only permissions on first use. Empty: "
            + "${karaf.etc}/hub-webhook-secrets.key. Ignored when a secret key is configured.")
    String secretKeyFile() default "";

    @AttributeDefinition(name = "Secret key", type = AttributeType.PASSWORD, description = "The AES-256 key (base64 of "
            + "32 bytes) instead of a key file; the environment variable HUB_WEBHOOK_SECRET_KEY also works.")
    String secretKey() default "";

    @AttributeDefinition(name = "Timeout (s)", description = "A 2xx within this time acknowledges a delivery.",
            min = "1")
    int timeoutSeconds() default 30;

    @AttributeDefinition(name = "Connections per endpoint host", min = "1")
    int maxConnectionsPerDestination() default 32;

    @AttributeDefinition(name = "Max retries", description = "Retries after the first attempt (default schedule: "
            + "exponential 5 s × 5^n with jitter).", min = "0")
    int maxRetries() default 3;

    @AttributeDefinition(name = "First retry delay (ms)", description = "Delay before the first retry of the default "
            + "schedule; each further retry waits 5 times longer (±20 % jitter).", min = "0")
    long retryDelayMillis() default 5000;

    @AttributeDefinition(name = "Default retry schedule", description = "For new endpoints: 'default' (max retries, "
            + "exponential) or 'standard' (Standard Webhooks: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).")
    String retrySchedule() default "default";

    @AttributeDefinition(name = "Auto-disable after (h)", description = "An endpoint whose attempts all failed for "
            + "this long is disabled (an error log line and an EventAdmin event say so).", min = "1")
    long autoDisableAfterHours() default 120;

    @AttributeDefinition(name = "Rotation overlap (h)", description = "How long the previous secret keeps signing "
            + "after a rotation.", min = "0")
    long rotationOverlapHours() default 24;

    @AttributeDefinition(name = "Secret bytes", description = "Random bytes of generated secrets (24..64).",
            min = "24", max = "64")
    int secretBytes() default 32;
}
