package org.integrationhub.oauth2.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;

/** The {@code oauth_signing_key} table. */
public final class SigningKeyStore {

    private final Database database;

    public SigningKeyStore(Database database) {
        this.database = database;
    }

    /** @return every key, newest first */
    public List<SigningKeyRow> list() {
        return database.inTransaction(conn -> {
            List<SigningKeyRow> result = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT kid, public_jwk, private_key, created_at, "
                    + "retired_at FROM oauth_signing_key ORDER BY created_at DESC, kid DESC");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new SigningKeyRow(rs.getString(1), rs.getString(2), rs.getString(3),
                            Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "retired_at")));
                }
            }
            return result;
        });
    }

    /** Adds a new active key and retires every other active one, in one transaction. */
    public void activate(SigningKeyRow key) {
        database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE oauth_signing_key SET retired_at = ? WHERE retired_at IS NULL")) {
                ps.setObject(1, Jdbc.timestamp(key.createdAt()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO oauth_signing_key (kid, public_jwk, "
                    + "private_key, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, key.kid());
                ps.setString(2, key.publicJwk());
                ps.setString(3, key.privateKey());
                ps.setObject(4, Jdbc.timestamp(key.createdAt()));
                return ps.executeUpdate();
            }
        });
    }

    /** Deletes keys retired before {@code cutoff} (no unexpired token can carry their signature). */
    public int deleteRetiredBefore(Instant cutoff) {
        return database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "DELETE FROM oauth_signing_key WHERE retired_at IS NOT NULL AND retired_at < ?")) {
                ps.setObject(1, Jdbc.timestamp(cutoff));
                return ps.executeUpdate();
            }
        });
    }
}
