package org.integrationhub.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.integrationhub.delivery.internal.dispatch.DeliveryStore;
import org.integrationhub.delivery.internal.dispatch.NodeWatch;
import org.integrationhub.persistence.Jdbc;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A node that stops beating loses its claims to the claim path within the node timeout, not at the end of each claim's
 * (much longer) lease; live nodes, and nodes whose names merely look alike, keep theirs.
 */
class NodeWatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @AutoClose
    private EngineFixture fx;

    private NodeWatch node(String name, Instant at) {
        return new NodeWatch(fx.db, new DeliveryStore(fx.db), Clock.fixed(at, ZoneOffset.UTC), name, TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theClaimsOfANodeThatStoppedBeatingAreGivenBackOnceAfterTheTimeout(Kind kind) {
        fx = new EngineFixture(kind);
        node("host_a", T0).beat();
        node("hostxa", T0).beat();
        leased("d1", "host_a/claim1");
        leased("d2", "host_a/claim2");
        leased("d3", "hostxa/claim3"); // '_' is a LIKE wildcard: must not match host_a's pattern
        leased("d4", "host_b/claim4");

        Instant before = T0.plus(TIMEOUT).minusSeconds(1);
        assertThat(node("host_b", before).beat()).as("before the timeout nobody is dead").isZero();

        node("hostxa", T0.plus(TIMEOUT)).beat(); // hostxa lives on
        Instant after = T0.plus(TIMEOUT).plusSeconds(1);
        assertThat(node("host_b", after).beat()).as("host_a's two claims").isEqualTo(2);
        assertThat(fx.count("SELECT COUNT(*) FROM delivery WHERE lease_owner IS NULL AND locked_until IS NULL"))
                .isEqualTo(2);
        assertThat(fx.count("SELECT COUNT(*) FROM delivery WHERE lease_owner IN ('host_a/claim1', 'host_a/claim2')")).isZero();
        assertThat(fx.count("SELECT COUNT(*) FROM delivery WHERE lease_owner IN ('hostxa/claim3', 'host_b/claim4')"))
                .as("the live nodes keep theirs").isEqualTo(2);
        assertThat(fx.count("SELECT COUNT(*) FROM delivery_node WHERE node_name = 'host_a'")).as("buried").isZero();
        assertThat(node("host_c", after.plusSeconds(1)).beat()).as("given back once").isZero();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aNodeThatOnlyHungBeatsAgain(Kind kind) {
        fx = new EngineFixture(kind);
        node("a", T0).beat();
        node("b", T0.plus(TIMEOUT).plusSeconds(1)).beat(); // buries a
        NodeWatch a = node("a", T0.plus(TIMEOUT).plusSeconds(2));
        a.beat(); // a wakes up: alive again
        assertThat(fx.count("SELECT COUNT(*) FROM delivery_node WHERE node_name = 'a'")).isEqualTo(1);
        assertThat(a.interval()).isEqualTo(Duration.ofSeconds(5));
    }

    private void leased(String id, String owner) {
        fx.db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery (id, kind, subscriber_id, event_id,"
                    + " event_seq, event_type, ticket_id, status, attempts, next_attempt_at, locked_until, lease_owner,"
                    + " created_at, queue_key) VALUES (?, 'test', 's1', ?, 1, 'ticket.created', ?, 'PENDING', 1, ?, ?,"
                    + " ?, ?, ?)")) {
                Instant until = T0.plus(Duration.ofMinutes(2));
                ps.setString(1, id);
                ps.setString(2, "E" + id);
                ps.setString(3, "T" + id);
                Jdbc.setInstant(ps, 4, until);
                Jdbc.setInstant(ps, 5, until);
                ps.setString(6, owner);
                Jdbc.setInstant(ps, 7, T0);
                ps.setString(8, "test|s1|T" + id);
                return ps.executeUpdate();
            }
        });
    }
}
