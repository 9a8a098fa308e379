package org.integrationhub.oauth2.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Set;

import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;
import org.integrationhub.security.Scopes;

/** The {@code oauth_consent} table: which user consented to which client obtaining which scope set. */
public final class ConsentStore {

    private final Database database;

    public ConsentStore(Database database) {
        this.database = database;
    }

    public boolean hasConsent(String subject, String clientId, Set<String> scopes) {
        return database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT 1 FROM oauth_consent WHERE subject = ? AND client_id = ? AND scopes = ?")) {
                ps.setString(1, subject);
                ps.setString(2, clientId);
                ps.setString(3, Scopes.format(scopes));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    public void grant(String subject, String clientId, Set<String> scopes, Instant now) {
        database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO oauth_consent (subject, client_id, scopes, "
                    + "granted_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM oauth_consent WHERE subject = ? "
                    + "AND client_id = ? AND scopes = ?)")) {
                String s = Scopes.format(scopes);
                ps.setString(1, subject);
                ps.setString(2, clientId);
                ps.setString(3, s);
                ps.setObject(4, Jdbc.timestamp(now));
                ps.setString(5, subject);
                ps.setString(6, clientId);
                ps.setString(7, s);
                return ps.executeUpdate();
            }
        });
    }
}
