package org.integrationhub.oauth2.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;
import org.integrationhub.security.Scopes;

/** The {@code oauth_code} table: authorization codes, single use. */
public final class CodeStore {

    private final Database database;

    public CodeStore(Database database) {
        this.database = database;
    }

    public void insert(AuthorizationCode c) {
        database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO oauth_code (code_hash, client_id, subject, "
                    + "redirect_uri, scopes, code_challenge, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, c.codeHash());
                ps.setString(2, c.clientId());
                ps.setString(3, c.subject());
                ps.setString(4, c.redirectUri());
                ps.setString(5, Scopes.format(c.scopes()));
                ps.setString(6, c.codeChallenge());
                ps.setObject(7, Jdbc.timestamp(c.expiresAt()));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Marks a code used, atomically: of concurrent exchanges of one code exactly one sees {@code usedAt == null}
     * in the returned record.
     *
     * @return the code as it was before this call (usedAt set means it had been used already); empty if unknown
     */
    public Optional<AuthorizationCode> consume(String codeHash, Instant now) {
        return database.inTransaction(conn -> {
            AuthorizationCode code;
            try (PreparedStatement ps = conn.prepareStatement("SELECT client_id, subject, redirect_uri, scopes, "
                    + "code_challenge, expires_at, used_at, family_id FROM oauth_code WHERE code_hash = ? FOR UPDATE")) {
                ps.setString(1, codeHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<AuthorizationCode>empty();
                    }
                    code = new AuthorizationCode(codeHash, rs.getString(1), rs.getString(2), rs.getString(3),
                            Scopes.parse(rs.getString(4)), rs.getString(5), Jdbc.getInstant(rs, "expires_at"),
                            Jdbc.getInstant(rs, "used_at"), rs.getString(8));
                }
            }
            if (code.usedAt() == null) {
                try (PreparedStatement ps = conn.prepareStatement("UPDATE oauth_code SET used_at = ? WHERE code_hash = ?")) {
                    ps.setObject(1, Jdbc.timestamp(now));
                    ps.setString(2, codeHash);
                    ps.executeUpdate();
                }
            }
            return Optional.of(code);
        });
    }

    /** Records the refresh token family an exchange created, so a replayed code can revoke it. */
    public void setFamily(String codeHash, String familyId) {
        database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("UPDATE oauth_code SET family_id = ? WHERE code_hash = ?")) {
                ps.setString(1, familyId);
                ps.setString(2, codeHash);
                return ps.executeUpdate();
            }
        });
    }

    /** Deletes codes that expired before {@code cutoff}. @return how many */
    public int deleteExpired(Instant cutoff) {
        return database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM oauth_code WHERE expires_at < ?")) {
                ps.setObject(1, Jdbc.timestamp(cutoff));
                return ps.executeUpdate();
            }
        });
    }
}
