package org.integrationhub.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;

import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;
import org.integrationhub.persistence.internal.DatabaseImpl;
import org.integrationhub.persistence.internal.LeasesImpl;
import org.integrationhub.persistence.testing.TestDatabases;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LiveNodesTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void countsTheNodesWhoseLeaseIsCurrent(Kind kind) throws Exception {
        Database db = new DatabaseImpl(TestDatabases.create(kind));
        LiveNodes a = new LiveNodes(new LeasesImpl(db), db, Clock.systemUTC(), "host-a:1f");
        LiveNodes b = new LiveNodes(new LeasesImpl(db), db, Clock.systemUTC(), "host-b:2e");
        assertThat(a.getAsInt()).as("before the first beat").isEqualTo(1);
        a.beat();
        assertThat(a.getAsInt()).isEqualTo(1);
        b.beat();
        a.beat();
        assertThat(a.getAsInt()).isEqualTo(2);
        assertThat(b.getAsInt()).isEqualTo(2);

        b.leave(); // a clean stop
        a.beat();
        assertThat(a.getAsInt()).isEqualTo(1);

        b.beat();
        db.inTransaction(c -> { // b dies: its lease runs out
            try (PreparedStatement ps = c.prepareStatement("UPDATE hub_lease SET lease_until = ? WHERE name = ?")) {
                Jdbc.setInstant(ps, 1, Instant.now().minusSeconds(1));
                ps.setString(2, b.leaseName());
                return ps.executeUpdate();
            }
        });
        a.beat();
        assertThat(a.getAsInt()).as("a dead node drops out after its ttl").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aNodeRestartedAfterACrashIsCountedOnceNotTwice(Kind kind) throws Exception {
        Database db = new DatabaseImpl(TestDatabases.create(kind));
        LiveNodes before = new LiveNodes(new LeasesImpl(db), db, Clock.systemUTC(), "host-a:1f");
        before.beat(); // then kill -9: the lease stays until its ttl
        LiveNodes after = new LiveNodes(new LeasesImpl(db), db, Clock.systemUTC(), "host-a:1f"); // a new owner id
        after.beat();
        assertThat(after.getAsInt()).as("its former self's lease is its own").isEqualTo(1);
        assertThat(after.leaseName()).isEqualTo(before.leaseName());
    }
}
