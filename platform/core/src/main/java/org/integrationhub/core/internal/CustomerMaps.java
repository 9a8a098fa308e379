package org.integrationhub.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** JDBC access to a customer's two string maps: {@code customer_external_id} and {@code customer_attribute}. */
final class CustomerMaps {

    /** The two maps, each a table of (customer_id, key, value) rows. */
    enum Kind {
        EXTERNAL_IDS("customer_external_id", "source", "external_id"),
        ATTRIBUTES("customer_attribute", "attr_key", "attr_value");

        private final String table;
        private final String key;
        private final String value;

        Kind(String table, String key, String value) {
            this.table = table;
            this.key = key;
            this.value = value;
        }
    }

    /** @return the map of each given customer (customers with an empty map are absent), keys sorted */
    Map<String, Map<String, String>> read(Connection c, Kind kind, Collection<String> customerIds)
            throws SQLException {
        Map<String, Map<String, String>> result = new HashMap<>();
        if (customerIds.isEmpty()) {
            return result;
        }
        List<String> idList = List.copyOf(customerIds);
        String marks = String.join(", ", Collections.nCopies(idList.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT customer_id, " + kind.key + ", " + kind.value
                + " FROM " + kind.table + " WHERE customer_id IN (" + marks + ")")) {
            for (int i = 0; i < idList.size(); i++) {
                ps.setString(i + 1, idList.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        return result;
    }

    /**
     * Brings the stored map from {@code before} to {@code after}, touching only the keys that differ; the caller holds
     * the customer's row lock.
     */
    void write(Connection c, Kind kind, String customerId, Map<String, String> before, Map<String, String> after)
            throws SQLException {
        for (String removed : before.keySet()) {
            if (!after.containsKey(removed)) {
                execute(c, "DELETE FROM " + kind.table + " WHERE customer_id = ? AND " + kind.key + " = ?", customerId,
                        removed);
            }
        }
        for (Map.Entry<String, String> e : after.entrySet()) {
            String old = before.get(e.getKey());
            if (old == null) {
                execute(c, "INSERT INTO " + kind.table + " (" + kind.value + ", customer_id, " + kind.key
                        + ") VALUES (?, ?, ?)", e.getValue(), customerId, e.getKey());
            } else if (!Objects.equals(old, e.getValue())) {
                execute(c, "UPDATE " + kind.table + " SET " + kind.value + " = ? WHERE customer_id = ? AND " + kind.key
                        + " = ?", e.getValue(), customerId, e.getKey());
            }
        }
    }

    private static void execute(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
