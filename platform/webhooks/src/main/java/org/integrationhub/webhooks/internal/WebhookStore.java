package org.integrationhub.webhooks.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;

/** Reads and writes {@code webhook_endpoint} rows; secrets pass through the {@link SecretBox}. */
final class WebhookStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, url, description, events, secret_enc, previous_secret_enc,"
            + " previous_secret_until, headers, rate_limit, tls_verify, retry_schedule, disabled, disabled_reason,"
            + " failing_since, created_at, updated_at";

    private final Database db;
    private final SecretBox box;

    WebhookStore(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    List<Endpoint> all() {
        return db.inTransaction(c -> {
            List<Endpoint> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM webhook_endpoint ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(read(rs));
                }
            }
            return result;
        });
    }

    void insert(Endpoint e) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_endpoint (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, e.id());
                bind(ps, 2, e);
                ps.executeUpdate();
            }
            return bump(c);
        });
    }

    /**
     * Replaces an endpoint's row if it is still the version {@code expectedUpdatedAt} (nobody changed it since it
     * was read, on this node or another).
     *
     * @return whether it was written
     */
    boolean update(Endpoint e, Instant expectedUpdatedAt) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_endpoint SET url = ?, description = ?,"
                    + " events = ?, secret_enc = ?, previous_secret_enc = ?, previous_secret_until = ?, headers = ?,"
                    + " rate_limit = ?, tls_verify = ?, retry_schedule = ?, disabled = ?, disabled_reason = ?,"
                    + " failing_since = ?, created_at = ?, updated_at = ? WHERE id = ? AND updated_at = ?")) {
                bind(ps, 1, e);
                ps.setString(16, e.id());
                Jdbc.setInstant(ps, 17, expectedUpdatedAt);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            bump(c);
            return true;
        });
    }

    /** @return the number every change of the endpoints raises (see {@link #bump}) */
    long version() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version FROM webhook_endpoint_version WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** Raises the endpoints' version in the changing transaction: other nodes' caches see they are behind. */
    private static long bump(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE webhook_endpoint_version SET version = version + 1 WHERE id = 1")) {
            return ps.executeUpdate();
        }
    }

    boolean delete(String id) {
        return db.inTransaction(c -> delete(c, id));
    }

    private static boolean delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM webhook_endpoint WHERE id = ?")) {
            ps.setString(1, id);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        bump(c);
        return true;
    }

    private void bind(PreparedStatement ps, int i, Endpoint e) throws SQLException {
        ps.setString(i++, e.url());
        ps.setString(i++, e.description());
        ps.setString(i++, String.join(",", e.events()));
        ps.setString(i++, box.encrypt(e.secret()));
        ps.setString(i++, e.previousSecret() == null ? null : box.encrypt(e.previousSecret()));
        Jdbc.setInstant(ps, i++, e.previousSecretUntil());
        try {
            ps.setString(i++, e.headers().isEmpty() ? null : JSON.writeValueAsString(e.headers()));
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
        Jdbc.setInteger(ps, i++, e.rateLimit());
        ps.setBoolean(i++, e.tlsVerify());
        ps.setString(i++, e.retrySchedule());
        ps.setBoolean(i++, e.disabled());
        ps.setString(i++, e.disabledReason());
        Jdbc.setInstant(ps, i++, e.failingSince());
        Jdbc.setInstant(ps, i++, e.createdAt());
        Jdbc.setInstant(ps, i, e.updatedAt());
    }

    private Endpoint read(ResultSet rs) throws SQLException {
        Integer rateLimit = Jdbc.getInteger(rs, "rate_limit");
        Map<String, String> headers = Map.of();
        String h = rs.getString("headers");
        if (h != null) {
            try {
                headers = JSON.readValue(h, new TypeReference<Map<String, String>>() { });
            } catch (JsonProcessingException x) {
                throw new SQLException("unreadable headers of webhook " + rs.getString("id"), x);
            }
        }
        return new Endpoint(rs.getString("id"), rs.getString("url"), rs.getString("description"),
                new LinkedHashSet<>(Arrays.asList(rs.getString("events").split(","))),
                box.decrypt(rs.getString("secret_enc")), box.decrypt(rs.getString("previous_secret_enc")),
                Jdbc.getInstant(rs, "previous_secret_until"), headers, rateLimit, rs.getBoolean("tls_verify"),
                rs.getString("retry_schedule"), rs.getBoolean("disabled"), rs.getString("disabled_reason"),
                Jdbc.getInstant(rs, "failing_since"), Jdbc.getInstant(rs, "created_at"),
                Jdbc.getInstant(rs, "updated_at"));
    }
}
