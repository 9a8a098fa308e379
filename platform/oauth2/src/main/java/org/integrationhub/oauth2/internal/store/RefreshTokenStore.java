package org.integrationhub.oauth2.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;
import org.integrationhub.security.Scopes;

/**
 * The {@code oauth_refresh_token} table. Revoking a family also revokes the unexpired access tokens issued with
 * its members (into {@code oauth_revoked_token}), in the same transaction.
 */
public final class RefreshTokenStore {

    private static final String COLUMNS = "token_hash, family_id, client_id, subject, scopes, access_jti, access_exp, "
            + "created_at, expires_at, used_at, revoked_at";

    private final Database database;

    public RefreshTokenStore(Database database) {
        this.database = database;
    }

    public void insert(RefreshToken t) {
        database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO oauth_refresh_token (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, t.tokenHash());
                ps.setString(2, t.familyId());
                ps.setString(3, t.clientId());
                ps.setString(4, t.subject());
                ps.setString(5, Scopes.format(t.scopes()));
                ps.setString(6, t.accessJti());
                ps.setObject(7, Jdbc.timestamp(t.accessExp()));
                ps.setObject(8, Jdbc.timestamp(t.createdAt()));
                ps.setObject(9, Jdbc.timestamp(t.expiresAt()));
                ps.setObject(10, Jdbc.timestamp(t.usedAt()));
                ps.setObject(11, Jdbc.timestamp(t.revokedAt()));
                return ps.executeUpdate();
            }
        });
    }

    public Optional<RefreshToken> find(String tokenHash) {
        return database.inTransaction(conn -> select(conn, tokenHash, false));
    }

    /**
     * Marks a refresh token used, atomically (of concurrent uses exactly one gets a usable token back). A token that
     * was used or revoked before is a replay: its whole family is revoked in the same transaction.
     *
     * @return the token as it was before this call; empty if unknown
     */
    public Optional<RefreshToken> use(String tokenHash, Instant now) {
        return database.inTransaction(conn -> {
            Optional<RefreshToken> found = select(conn, tokenHash, true);
            if (found.isEmpty()) {
                return found;
            }
            RefreshToken t = found.get();
            if (t.usedAt() != null || t.revokedAt() != null) {
                revokeFamily(conn, t.familyId(), now);
            } else if (now.isBefore(t.expiresAt())) {
                try (PreparedStatement ps = conn.prepareStatement(
                        "UPDATE oauth_refresh_token SET used_at = ? WHERE token_hash = ?")) {
                    ps.setObject(1, Jdbc.timestamp(now));
                    ps.setString(2, tokenHash);
                    ps.executeUpdate();
                }
            }
            return found;
        });
    }

    /** Revokes every token of the family and their access tokens. @return how many refresh tokens were revoked */
    public int revokeFamily(String familyId, Instant now) {
        return database.inTransaction(conn -> revokeFamily(conn, familyId, now));
    }

    /** Deletes tokens that expired before {@code cutoff}. @return how many */
    public int deleteExpired(Instant cutoff) {
        return database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM oauth_refresh_token WHERE expires_at < ?")) {
                ps.setObject(1, Jdbc.timestamp(cutoff));
                return ps.executeUpdate();
            }
        });
    }

    private static int revokeFamily(Connection conn, String familyId, Instant now) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO oauth_revoked_token (jti, expires_at, revoked_at) "
                + "SELECT r.access_jti, r.access_exp, ? FROM oauth_refresh_token r WHERE r.family_id = ? "
                + "AND r.access_exp > ? AND NOT EXISTS (SELECT 1 FROM oauth_revoked_token x WHERE x.jti = r.access_jti)")) {
            ps.setObject(1, Jdbc.timestamp(now));
            ps.setString(2, familyId);
            ps.setObject(3, Jdbc.timestamp(now));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = conn.prepareStatement(
                "UPDATE oauth_refresh_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")) {
            ps.setObject(1, Jdbc.timestamp(now));
            ps.setString(2, familyId);
            return ps.executeUpdate();
        }
    }

    private static Optional<RefreshToken> select(Connection conn, String tokenHash, boolean lock) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS
                + " FROM oauth_refresh_token WHERE token_hash = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RefreshToken(rs.getString("token_hash"), rs.getString("family_id"),
                        rs.getString("client_id"), rs.getString("subject"), Scopes.parse(rs.getString("scopes")),
                        rs.getString("access_jti"), Jdbc.getInstant(rs, "access_exp"), Jdbc.getInstant(rs, "created_at"),
                        Jdbc.getInstant(rs, "expires_at"), Jdbc.getInstant(rs, "used_at"), Jdbc.getInstant(rs, "revoked_at")));
            }
        }
    }
}
