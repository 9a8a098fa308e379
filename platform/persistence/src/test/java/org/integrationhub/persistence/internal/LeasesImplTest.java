package org.integrationhub.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.testing.MutableClock;
import org.integrationhub.persistence.testing.TestDatabases;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two "nodes" (two {@link LeasesImpl} with different owners) on one database, on H2 and on PostgreSQL. */
class LeasesImplTest {

    private static final Duration TTL = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));

    @ParameterizedTest
    @EnumSource(Kind.class)
    void onlyOneNodeHoldsTheLeaseAndTheHolderRenewsIt(Kind kind) {
        Database db = new DatabaseImpl(TestDatabases.create(kind));
        LeasesImpl a = new LeasesImpl(db, clock, "node-a");
        LeasesImpl b = new LeasesImpl(db, clock, "node-b");

        assertThat(a.acquire("datadog-prod/report", TTL)).isTrue();
        assertThat(b.acquire("datadog-prod/report", TTL)).isFalse();
        // renewals keep it with a, past the first ttl
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(20));
            assertThat(a.acquire("datadog-prod/report", TTL)).isTrue();
            assertThat(b.acquire("datadog-prod/report", TTL)).isFalse();
        }
        assertThat(row(db, "datadog-prod/report")).containsExactly("node-a",
                Instant.parse("2026-12-05T10:01:50Z").toString(), Instant.parse("2026-12-05T10:00:00Z").toString());
        // other names are independent
        assertThat(b.acquire("datadog-stage/report", TTL)).isTrue();
        assertThat(a.acquire("datadog-stage/report", TTL)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anotherNodeTakesTheLeaseOnlyAfterTheTtlWithoutRenewal(Kind kind) {
        Database db = new DatabaseImpl(TestDatabases.create(kind));
        LeasesImpl a = new LeasesImpl(db, clock, "node-a");
        LeasesImpl b = new LeasesImpl(db, clock, "node-b");
        assertThat(a.acquire("r", TTL)).isTrue();

        clock.advance(TTL.minusSeconds(1));
        assertThat(b.acquire("r", TTL)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.acquire("r", TTL)).isTrue();
        // a lost it: it does not get it back until b lets it expire
        assertThat(a.acquire("r", TTL)).isFalse();
        assertThat(row(db, "r")).containsExactly("node-b", Instant.parse("2026-12-05T10:01:00Z").toString(),
                Instant.parse("2026-12-05T10:00:30Z").toString());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void releaseHandsOverAtOnceAndOnlyTheHolderReleases(Kind kind) {
        Database db = new DatabaseImpl(TestDatabases.create(kind));
        LeasesImpl a = new LeasesImpl(db, clock, "node-a");
        LeasesImpl b = new LeasesImpl(db, clock, "node-b");
        assertThat(a.acquire("r", TTL)).isTrue();
        b.release("r");
        assertThat(b.acquire("r", TTL)).isFalse();
        a.release("r");
        assertThat(b.acquire("r", TTL)).isTrue();
        // stopping b (deactivate) releases all of b's leases
        assertThat(b.acquire("s", TTL)).isTrue();
        b.deactivate();
        assertThat(a.acquire("r", TTL)).isTrue();
        assertThat(a.acquire("s", TTL)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentAcquiresHaveExactlyOneWinner(Kind kind) throws Exception {
        Database db = new DatabaseImpl(TestDatabases.create(kind));
        int nodes = 8;
        List<LeasesImpl> leases = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            leases.add(new LeasesImpl(db, clock, "node-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            for (int round = 0; round < 10; round++) {
                String name = "race-" + round;
                // round 0..4: the row does not exist yet (INSERT race); 5..9: it exists and has expired (UPDATE race)
                if (round >= 5) {
                    assertThat(leases.get(0).acquire(name, TTL)).isTrue();
                    clock.advance(TTL);
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (LeasesImpl l : leases) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return l.acquire(name, TTL);
                    }));
                }
                start.countDown();
                int winners = 0;
                String winner = null;
                for (int i = 0; i < nodes; i++) {
                    if (results.get(i).get(60, TimeUnit.SECONDS)) {
                        winners++;
                        winner = "node-" + i;
                    }
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
                assertThat(row(db, name).get(0)).isEqualTo(winner);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsBadNamesAndTtls() {
        Database db = new DatabaseImpl(TestDatabases.h2());
        LeasesImpl a = new LeasesImpl(db, clock, "node-a");
        assertThatThrownBy(() -> a.acquire(" ", TTL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.acquire("x".repeat(201), TTL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.acquire("r", Duration.ofMillis(999))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.acquire("r", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(a.acquire("x".repeat(200), Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void ownerIdsAreUlids() {
        String u = LeasesImpl.ulid(Instant.parse("2026-12-05T10:00:00Z").toEpochMilli(), new SecureRandom());
        assertThat(u).hasSize(26).matches("[0-7][0-9A-HJKMNP-TV-Z]{25}");
        assertThat(u).isNotEqualTo(LeasesImpl.ulid(Instant.parse("2026-12-05T10:00:00Z").toEpochMilli(),
                new SecureRandom()));
        assertThat(new LeasesImpl(new DatabaseImpl(TestDatabases.h2())).owner()).matches(".+/[0-9A-Z]{26}");
    }

    private static List<String> row(Database db, String name) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT owner, lease_until, acquired_at FROM hub_lease WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    return List.of(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant().toString(),
                            rs.getObject(3, OffsetDateTime.class).toInstant().toString());
                }
            }
        });
    }
}
