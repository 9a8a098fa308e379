package org.integrationhub.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.integrationhub.api.Customer;
import org.integrationhub.api.Person;
import org.integrationhub.core.internal.CustomerMaps.Kind;
import org.integrationhub.persistence.Jdbc;

/** JDBC access to {@code customer}, read together with its external ids and attributes ({@link CustomerMaps}). */
final class CustomerRepository {

    /** The customer columns, for a select of {@code customer} aliased {@code c}; see {@link #row}. */
    static final String COLUMNS = "c.id AS c_id, c.email AS c_email, c.name AS c_name, c.company AS c_company, "
            + "c.phone AS c_phone, c.created_at AS c_created_at, c.updated_at AS c_updated_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM customer c";

    private final Ids ids;
    private final CustomerMaps maps = new CustomerMaps();

    CustomerRepository(Ids ids) {
        this.ids = ids;
    }

    /**
     * Finds the customer with this (normalised) e-mail or creates it, for a ticket that names it; safe when
     * concurrent transactions create the same customer (see {@link #insertIfAbsent}). A name fills in an empty stored
     * name; it never overwrites one. Neither is a customer change of its own (the ticket's event carries the customer).
     */
    Customer upsert(Connection c, Person person, Instant now) throws SQLException {
        Optional<Customer> existing = findByEmail(c, person.email());
        if (existing.isPresent()) {
            return fillInName(c, existing.get(), person.name());
        }
        Customer created = new Customer(ids.next(), person.email(), person.name(), null, null, Map.of(), Map.of(), now,
                now);
        if (insertIfAbsent(c, created)) {
            return created;
        }
        return fillInName(c, findByEmail(c, person.email()).orElseThrow(), person.name());
    }

    /**
     * Inserts a new customer (its row and maps) unless its e-mail address is taken, also by a concurrent transaction:
     * the losing insert waits for the other transaction and is then undone to a savepoint (PostgreSQL would otherwise
     * abort the whole transaction), so the caller can read the winner's row.
     *
     * @return false when a customer with this e-mail address exists
     */
    boolean insertIfAbsent(Connection c, Customer customer) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customer (id, email, name, company, phone, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, customer.id());
            ps.setString(2, customer.email());
            ps.setString(3, customer.name());
            ps.setString(4, customer.company());
            ps.setString(5, customer.phone());
            Jdbc.setInstant(ps, 6, customer.createdAt());
            Jdbc.setInstant(ps, 7, customer.updatedAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(savepoint);
            return false;
        }
        c.releaseSavepoint(savepoint);
        maps.write(c, Kind.EXTERNAL_IDS, customer.id(), Map.of(), customer.externalIds());
        maps.write(c, Kind.ATTRIBUTES, customer.id(), Map.of(), customer.attributes());
        return true;
    }

    /** Writes what differs between {@code before} and {@code after}; the caller holds the customer's row lock. */
    void update(Connection c, Customer before, Customer after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE customer SET name = ?, company = ?, phone = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, after.name());
            ps.setString(2, after.company());
            ps.setString(3, after.phone());
            Jdbc.setInstant(ps, 4, after.updatedAt());
            ps.setString(5, after.id());
            ps.executeUpdate();
        }
        maps.write(c, Kind.EXTERNAL_IDS, after.id(), before.externalIds(), after.externalIds());
        maps.write(c, Kind.ATTRIBUTES, after.id(), before.attributes(), after.attributes());
    }

    Optional<Customer> findByEmail(Connection c, String email) throws SQLException {
        return findOne(c, SELECT + " WHERE c.email = ?", email);
    }

    /** @param forUpdate lock the row until the transaction ends (changes of one customer are serialised) */
    Optional<Customer> findById(Connection c, String id, boolean forUpdate) throws SQLException {
        return findOne(c, SELECT + " WHERE c.id = ?" + (forUpdate ? " FOR UPDATE" : ""), id);
    }

    /**
     * @param email only the customer with this normalised e-mail address, or null for all
     * @param afterId only customers with a greater id (created later); null from the first
     * @param fetch how many rows at most
     * @return matching customers in id order
     */
    List<Customer> list(Connection c, String email, String afterId, int fetch) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<String> params = new ArrayList<>();
        if (email != null) {
            sql.append(" AND c.email = ?");
            params.add(email);
        }
        if (afterId != null) {
            sql.append(" AND c.id > ?");
            params.add(afterId);
        }
        sql.append(" ORDER BY c.id LIMIT ?");
        List<Customer> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (String p : params) {
                ps.setString(i++, p);
            }
            ps.setInt(i, fetch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        }
        return List.copyOf(complete(c, rows).values());
    }

    /** @return a customer from the {@link #COLUMNS} of the current row, without its maps */
    static Customer row(ResultSet rs) throws SQLException {
        return new Customer(rs.getString("c_id"), rs.getString("c_email"), rs.getString("c_name"),
                rs.getString("c_company"), rs.getString("c_phone"), Map.of(), Map.of(),
                Jdbc.getInstant(rs, "c_created_at"), Jdbc.getInstant(rs, "c_updated_at"));
    }

    /** @return the given customers (read by {@link #row}) with their external ids and attributes, by id, in order */
    Map<String, Customer> complete(Connection c, Collection<Customer> customers) throws SQLException {
        Map<String, Customer> byId = new LinkedHashMap<>();
        customers.forEach(k -> byId.put(k.id(), k));
        Map<String, Map<String, String>> external = maps.read(c, Kind.EXTERNAL_IDS, byId.keySet());
        Map<String, Map<String, String>> attributes = maps.read(c, Kind.ATTRIBUTES, byId.keySet());
        byId.replaceAll((id, k) -> new Customer(k.id(), k.email(), k.name(), k.company(), k.phone(),
                external.getOrDefault(id, Map.of()), attributes.getOrDefault(id, Map.of()), k.createdAt(),
                k.updatedAt()));
        return byId;
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
                found = row(rs);
            }
        }
        return Optional.of(complete(c, List.of(found)).get(found.id()));
    }
}
