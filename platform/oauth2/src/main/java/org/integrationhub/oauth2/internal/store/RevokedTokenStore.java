package org.integrationhub.oauth2.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;

/** The {@code oauth_revoked_token} table: ids (jti) of revoked access tokens until they expire. */
public final class RevokedTokenStore {

    private final Database database;

    public RevokedTokenStore(Database database) {
        this.database = database;
    }

    /** Records a revocation; revoking twice is harmless. */
    public void revoke(String jti, Instant expiresAt, Instant now) {
        database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO oauth_revoked_token (jti, expires_at, "
                    + "revoked_at) SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM oauth_revoked_token WHERE jti = ?)")) {
                ps.setString(1, jti);
                ps.setObject(2, Jdbc.timestamp(expiresAt));
                ps.setObject(3, Jdbc.timestamp(now));
                ps.setString(4, jti);
                return ps.executeUpdate();
            }
        });
    }

    public boolean isRevoked(String jti) {
        return database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM oauth_revoked_token WHERE jti = ?")) {
                ps.setString(1, jti);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Forgets revocations of tokens that expired before {@code cutoff}. @return how many */
    public int deleteExpired(Instant cutoff) {
        return database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM oauth_revoked_token WHERE expires_at < ?")) {
                ps.setObject(1, Jdbc.timestamp(cutoff));
                return ps.executeUpdate();
            }
        });
    }
}
