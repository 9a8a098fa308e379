-- OAuth2 authorization server (hub-oauth2). Secrets, codes and refresh tokens are stored only as SHA-256 hex
-- digests of 256-bit random values; lists (grants, scopes, redirect URIs) are space- or newline-separated.

CREATE TABLE oauth_client (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    name          VARCHAR(100)  NOT NULL,
    secret_hash   VARCHAR(64),
    public_client BOOLEAN       NOT NULL,
    grant_types   VARCHAR(200)  NOT NULL,
    redirect_uris VARCHAR(4000) NOT NULL,
    scopes        VARCHAR(500)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE
);

-- Authorization codes: single use (used_at), short-lived, bound to client, redirect URI and PKCE challenge.
-- family_id: the refresh token family the exchange created, revoked if the code is presented again.
CREATE TABLE oauth_code (
    code_hash      VARCHAR(64)   NOT NULL PRIMARY KEY,
    client_id      VARCHAR(40)   NOT NULL,
    subject        VARCHAR(200)  NOT NULL,
    redirect_uri   VARCHAR(2000),
    scopes         VARCHAR(500)  NOT NULL,
    code_challenge VARCHAR(128)  NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at        TIMESTAMP WITH TIME ZONE,
    family_id      VARCHAR(26)
);
CREATE INDEX oauth_code_expires_idx ON oauth_code (expires_at);

-- Refresh tokens, rotated on every use: each use marks the row used and inserts its successor in the same
-- family. Presenting a used (or revoked) token revokes the whole family (RFC 9700 §4.14.2).
CREATE TABLE oauth_refresh_token (
    token_hash  VARCHAR(64)  NOT NULL PRIMARY KEY,
    family_id   VARCHAR(26)  NOT NULL,
    client_id   VARCHAR(40)  NOT NULL,
    subject     VARCHAR(200) NOT NULL,
    scopes      VARCHAR(500) NOT NULL,
    access_jti  VARCHAR(26)  NOT NULL,
    access_exp  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX oauth_refresh_family_idx ON oauth_refresh_token (family_id);
CREATE INDEX oauth_refresh_expires_idx ON oauth_refresh_token (expires_at);

-- Revoked access tokens (JWT ids), kept until the token would have expired anyway.
CREATE TABLE oauth_revoked_token (
    jti        VARCHAR(26) NOT NULL PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX oauth_revoked_expires_idx ON oauth_revoked_token (expires_at);

-- Consent a user gave a client for a scope set (space-separated, sorted).
CREATE TABLE oauth_consent (
    subject    VARCHAR(200) NOT NULL,
    client_id  VARCHAR(40)  NOT NULL,
    scopes     VARCHAR(500) NOT NULL,
    granted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (subject, client_id, scopes)
);

-- RS256 signing keys. private_key: PKCS#8, base64, AES-GCM encrypted when a key-encryption secret is
-- configured (prefix "enc:"). The active key signs; retired keys stay published in the JWKS until
-- every token they signed has expired.
CREATE TABLE oauth_signing_key (
    kid         VARCHAR(40)   NOT NULL PRIMARY KEY,
    public_jwk  VARCHAR(4000) NOT NULL,
    private_key VARCHAR(8000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at  TIMESTAMP WITH TIME ZONE
);
