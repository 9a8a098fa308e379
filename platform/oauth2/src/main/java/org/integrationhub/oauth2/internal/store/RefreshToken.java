package org.integrationhub.oauth2.internal.store;

import java.time.Instant;
import java.util.Set;

/**
 * A refresh token as stored (its hash). Tokens of one grant form a family: each use rotates to a successor.
 *
 * @param tokenHash SHA-256 hex of the token
 * @param familyId the family (one per authorization)
 * @param clientId the client it was issued to
 * @param subject the user
 * @param scopes granted scopes
 * @param accessJti the jti of the access token issued with it (revoked with the family)
 * @param accessExp that access token's expiry
 * @param createdAt issue time
 * @param expiresAt end of validity
 * @param usedAt when it was exchanged for its successor; null if not yet
 * @param revokedAt when it (its family) was revoked; null if not
 */
public record RefreshToken(String tokenHash, String familyId, String clientId, String subject, Set<String> scopes,
        String accessJti, Instant accessExp, Instant createdAt, Instant expiresAt, Instant usedAt, Instant revokedAt) {

    /** @return whether it can be exchanged now: unused, unrevoked, unexpired */
    public boolean isUsable(Instant now) {
        return usedAt == null && revokedAt == null && now.isBefore(expiresAt);
    }
}
