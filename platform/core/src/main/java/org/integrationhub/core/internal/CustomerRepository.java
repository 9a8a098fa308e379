package org.integrationhub.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.integrationhub.api.Customer;
import org.integrationhub.api.Person;

/** JDBC access to {@code customer} and {@code customer_external_id}. */
final class CustomerRepository {

    private static final String SELECT = "SELECT id, email, name, created_at FROM customer";

    private final Ids ids;

    CustomerRepository(Ids ids) {
        this.ids = ids;
    }

    /**
     * Finds the customer with this (normalised) e-mail or creates it; safe when concurrent transactions create
     * the same customer: the losing insert is undone to a savepoint (PostgreSQL would otherwise abort the whole
     * transaction) and the winner's row is read instead. A name fills in an empty stored name; it never
     * overwrites one.
     */
    Customer upsert(Connection c, Person person, Instant now) throws SQLException {
        Optional<Customer> existing = findByEmail(c, person.email());
        if (existing.isPresent()) {
            return fillInName(c, existing.get(), person.name());
        }
        Customer created = new Customer(ids.next(), person.email(), person.name(), Map.of(), now);
        Savepoint savepoint = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO customer (id, email, name, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, created.id());
            ps.setString(2, created.email());
            ps.setString(3, created.name());
            Sql.setInstant(ps, 4, created.createdAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(savepoint);
            return fillInName(c, findByEmail(c, person.email()).orElseThrow(() -> e), person.name());
        }
        c.releaseSavepoint(savepoint);
        return created;
    }

    Optional<Customer> findByEmail(Connection c, String email) throws SQLException {
        return findOne(c, SELECT + " WHERE email = ?", email);
    }

    Optional<Customer> findById(Connection c, String id, boolean forUpdate) throws SQLException {
        return findOne(c, SELECT + " WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""), id);
    }

    /** Sets (or replaces) the customer's id in {@code source}; the caller holds the customer's row lock. */
    void linkExternalId(Connection c, String customerId, String source, String externalId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE customer_external_id SET external_id = ? WHERE customer_id = ? AND source = ?")) {
            ps.setString(1, externalId);
            ps.setString(2, customerId);
            ps.setString(3, source);
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO customer_external_id (customer_id, source, external_id) VALUES (?, ?, ?)")) {
            ps.setString(1, customerId);
            ps.setString(2, source);
            ps.setString(3, externalId);
            ps.executeUpdate();
        }
    }

    /** @return the external ids of each given customer (customers without any are absent) */
    Map<String, Map<String, String>> externalIds(Connection c, Collection<String> customerIds) throws SQLException {
        Map<String, Map<String, String>> result = new HashMap<>();
        if (customerIds.isEmpty()) {
            return result;
        }
        List<String> idList = List.copyOf(customerIds);
        String marks = String.join(", ", java.util.Collections.nCopies(idList.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT customer_id, source, external_id FROM "
                + "customer_external_id WHERE customer_id IN (" + marks + ")")) {
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

    private Customer fillInName(Connection c, Customer customer, String name) throws SQLException {
        if (name == null || name.isEmpty() || !customer.name().isEmpty()) {
            return customer;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE customer SET name = ? WHERE id = ? AND name = ''")) {
            ps.setString(1, name);
            ps.setString(2, customer.id());
            ps.executeUpdate();
        }
        return findById(c, customer.id(), false).orElseThrow();
    }

    private Optional<Customer> findOne(Connection c, String sql, String param) throws SQLException {
        Customer found;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                found = new Customer(rs.getString("id"), rs.getString("email"), rs.getString("name"), Map.of(),
                        Sql.getInstant(rs, "created_at"));
            }
        }
        Map<String, String> external = externalIds(c, List.of(found.id())).getOrDefault(found.id(), Map.of());
        return Optional.of(new Customer(found.id(), found.email(), found.name(), external, found.createdAt()));
    }
}
