-- Webhook endpoints (hub-webhooks). Secrets are AES-GCM encrypted with a key kept outside the database.
CREATE TABLE webhook_endpoint (
    id                       VARCHAR(26)   NOT NULL PRIMARY KEY,
    url                      VARCHAR(2048) NOT NULL,
    description              VARCHAR(500),
    events                   VARCHAR(500)  NOT NULL,
    secret_enc               VARCHAR(500)  NOT NULL,
    previous_secret_enc      VARCHAR(500),
    previous_secret_until    TIMESTAMP WITH TIME ZONE,
    headers                  TEXT,
    rate_limit               INTEGER,
    tls_verify               BOOLEAN       NOT NULL,
    retry_schedule           VARCHAR(16)   NOT NULL,
    disabled                 BOOLEAN       NOT NULL,
    disabled_reason          VARCHAR(500),
    failing_since            TIMESTAMP WITH TIME ZONE,
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL
);
