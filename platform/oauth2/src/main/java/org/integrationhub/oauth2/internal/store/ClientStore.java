package org.integrationhub.oauth2.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.integrationhub.oauth2.internal.OAuthClient;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;
import org.integrationhub.security.Scopes;

/** The {@code oauth_client} table. */
public final class ClientStore {

    private static final String COLUMNS =
            "id, name, secret_hash, public_client, grant_types, redirect_uris, scopes, created_at, revoked_at";

    private final Database database;

    public ClientStore(Database database) {
        this.database = database;
    }

    public void insert(OAuthClient c) {
        database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO oauth_client (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, c.id());
                ps.setString(2, c.name());
                ps.setString(3, c.secretHash());
                ps.setBoolean(4, c.publicClient());
                ps.setString(5, Scopes.format(c.grantTypes()));
                ps.setString(6, String.join("\n", c.redirectUris()));
                ps.setString(7, Scopes.format(c.scopes()));
                ps.setObject(8, Jdbc.timestamp(c.createdAt()));
                ps.setObject(9, Jdbc.timestamp(c.revokedAt()));
                return ps.executeUpdate();
            }
        });
    }

    public Optional<OAuthClient> find(String id) {
        return database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM oauth_client WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<OAuthClient>empty();
                }
            }
        });
    }

    /** @return every client, revoked ones included, oldest first */
    public List<OAuthClient> list() {
        return database.inTransaction(conn -> {
            List<OAuthClient> result = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT " + COLUMNS + " FROM oauth_client ORDER BY created_at, id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(read(rs));
                }
            }
            return result;
        });
    }

    /** @return true if an active client was revoked */
    public boolean revoke(String id, Instant now) {
        return update("UPDATE oauth_client SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id);
    }

    /** @return true if the secret of an active confidential client was replaced */
    public boolean replaceSecret(String id, String secretHash) {
        return update("UPDATE oauth_client SET secret_hash = ? WHERE id = ? AND revoked_at IS NULL AND public_client = FALSE",
                secretHash, id);
    }

    private boolean update(String sql, Object first, String id) {
        return database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.setObject(1, first instanceof Instant ? Jdbc.timestamp((Instant) first) : first);
                ps.setString(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static OAuthClient read(ResultSet rs) throws SQLException {
        return new OAuthClient(rs.getString("id"), rs.getString("name"), rs.getString("secret_hash"),
                rs.getBoolean("public_client"), Scopes.parse(rs.getString("grant_types")),
                lines(rs.getString("redirect_uris")), Scopes.parse(rs.getString("scopes")),
                Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "revoked_at"));
    }

    private static List<String> lines(String value) {
        return value == null || value.isEmpty() ? List.of() : Arrays.asList(value.split("\n"));
    }
}
