package org.integrationhub.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.EventType;
import org.integrationhub.delivery.SubscriptionSource;
import org.integrationhub.delivery.internal.dispatch.DeliveryStore;
import org.integrationhub.delivery.internal.relay.Relay;
import org.integrationhub.delivery.internal.shared.Claimed;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The two-step claim over a backlog, and the statistics refresh after a burst. */
class DeliveryClaimTest {

    private static final Set<String> KINDS = Set.of("test");

    @AutoClose
    private EngineFixture fx;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void claimsEachTicketsNextDeliveryOnlyWhateverTheBacklogBeforeIt(Kind kind) {
        fx = new EngineFixture(kind);
        for (int i = 0; i < 250; i++) { // more than twice the claim size: the candidate step must skip past them
            fx.append("T1", EventType.TICKET_UPDATED);
        }
        String t2First = fx.append("T2", EventType.TICKET_CREATED).id();
        fx.append("T2", EventType.TICKET_UPDATED);
        String t3First = fx.append("T3", EventType.TICKET_CREATED).id();
        relayAll();
        DeliveryStore store = new DeliveryStore(fx.db);
        Instant now = Instant.now();

        List<Claimed> first = store.claim(KINDS, 100, now, now.plusSeconds(60), "n1/a");

        String t1First = fx.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT event_id FROM delivery WHERE ticket_id = 'T1'"
                    + " ORDER BY event_seq LIMIT 1"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(first).extracting(c -> c.request().messageId()).containsExactly(t1First, t2First, t3First);
        assertThat(store.claim(KINDS, 100, now, now.plusSeconds(60), "n1/b"))
                .as("every head is leased; the later deliveries of those tickets wait").isEmpty();
        assertThat(store.claim(KINDS, 100, now.plusSeconds(61), now.plusSeconds(120), "n1/c"))
                .as("after the lease the same heads, and only they, are claimable again")
                .extracting(c -> c.request().messageId()).containsExactly(t1First, t2First, t3First);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void analyzesTheDeliveryTableAfterABurstOnPostgresql(Kind kind) {
        fx = new EngineFixture(kind);

        new Statistics(fx.db, Clock.systemUTC(), Runnable::run).relayed(Statistics.BURST);

        if (fx.db.dialect() == Database.Dialect.POSTGRESQL) {
            assertThat(fx.count("SELECT COUNT(*) FROM pg_stat_user_tables WHERE relname = 'delivery'"
                    + " AND schemaname = current_schema() AND last_analyze IS NOT NULL")).isEqualTo(1);
        }
    }

    private void relayAll() {
        Relay relay = new Relay(fx.db, Clock.systemUTC(), EngineFixture.settings("n1"));
        SubscriptionSource source = e -> List.of("s1");
        while (relay.relayBatch(Map.of("test", source)) > 0) {
            // next batch
        }
    }
}
