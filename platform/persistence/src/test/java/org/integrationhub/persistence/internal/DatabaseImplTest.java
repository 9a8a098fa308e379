package org.integrationhub.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.testing.TestDatabases;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseImplTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void migratesAndDetectsDialect(Kind kind) {
        DataSource ds = TestDatabases.create(kind);
        DatabaseImpl db = new DatabaseImpl(ds);
        assertThat(db.dialect().name()).isEqualTo(kind.name());
        // migrating again is a no-op
        new DatabaseImpl(ds);
        int tables = db.inTransaction(c -> {
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                return n;
            }
        });
        assertThat(tables).isGreaterThanOrEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rollsBackOnFailure(Kind kind) {
        Database db = new DatabaseImpl(TestDatabases.create(kind));
        assertThatThrownBy(() -> db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO customer (id, email, name, created_at) VALUES ('01J0000000000000000000000A', 'a@b.c', 'A', CURRENT_TIMESTAMP)")) {
                ps.executeUpdate();
            }
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        long count = db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM customer")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(count).isZero();
    }
}
