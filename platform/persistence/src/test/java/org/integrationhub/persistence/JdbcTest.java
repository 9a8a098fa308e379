package org.integrationhub.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.integrationhub.persistence.internal.DatabaseImpl;
import org.integrationhub.persistence.testing.TestDatabases;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcTest {

    /** Nanoseconds that neither database keeps, around the epoch and a leap day. */
    private static final List<Instant> TIMES = List.of(Instant.parse("2026-12-05T19:30:00.123456789Z"),
            Instant.parse("1970-01-01T00:00:00.000000999Z"), Instant.parse("2028-02-29T23:59:59.999999999Z"));

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTimeReadsBackAsItsMicrosecondTruncationAndNullsStayNull(Kind kind) {
        Database db = new DatabaseImpl(TestDatabases.create(kind));
        List<Instant> read = db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE jdbc_test (n INT, t TIMESTAMP WITH TIME ZONE, i INTEGER, l BIGINT)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO jdbc_test VALUES (?, ?, ?, ?)")) {
                for (int n = 0; n <= TIMES.size(); n++) {
                    ps.setInt(1, n);
                    Jdbc.setInstant(ps, 2, n < TIMES.size() ? TIMES.get(n) : null);
                    Jdbc.setInteger(ps, 3, n < TIMES.size() ? n : null);
                    Jdbc.setLong(ps, 4, n < TIMES.size() ? (long) n << 40 : null);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<Instant> times = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT n, t, i, l FROM jdbc_test ORDER BY n");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant t = Jdbc.getInstant(rs, "t");
                    assertThat(Jdbc.getInstant(rs, 2)).isEqualTo(t);
                    boolean last = rs.getInt(1) == TIMES.size();
                    assertThat(Jdbc.getInteger(rs, "i")).isEqualTo(last ? null : rs.getInt(1));
                    assertThat(Jdbc.getLong(rs, "l")).isEqualTo(last ? null : (long) rs.getInt(1) << 40);
                    times.add(t);
                }
            }
            return times;
        });
        List<Instant> expected = new ArrayList<>(TIMES.stream().map(Jdbc::truncate).toList());
        expected.add(null);
        assertThat(read).isEqualTo(expected);
        assertThat(read.get(0)).isEqualTo(Instant.parse("2026-12-05T19:30:00.123456Z"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDuplicateKeyIsRecognisedOnBothDatabases(Kind kind) {
        Database db = new DatabaseImpl(TestDatabases.create(kind));
        boolean unique = db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE jdbc_unique (id INT PRIMARY KEY)");
                s.execute("INSERT INTO jdbc_unique VALUES (1)");
                s.execute("INSERT INTO jdbc_unique VALUES (1)");
                return false;
            } catch (SQLException e) {
                return Jdbc.isUniqueViolation(e);
            }
        });
        assertThat(unique).isTrue();
    }

    @Test
    void placeholdersAndTruncation() {
        assertThat(Jdbc.placeholders(1)).isEqualTo("?");
        assertThat(Jdbc.placeholders(3)).isEqualTo("?, ?, ?");
        assertThat(Jdbc.truncate(null)).isNull();
        assertThat(Jdbc.timestamp(null)).isNull();
        assertThat(Jdbc.timestamp(TIMES.get(0)).getOffset().getTotalSeconds()).isZero();
        assertThat(Jdbc.timestamp(TIMES.get(0)).getNano()).isEqualTo(123_456_000);
    }
}
