package org.integrationhub.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.integrationhub.security.HubPrincipal;
import org.integrationhub.security.RateLimitDecision;
import org.integrationhub.security.Scopes;
import org.junit.jupiter.api.Test;

class RateLimitServiceImplTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final RateLimitServiceImpl service = new RateLimitServiceImpl(5, Duration.ofMinutes(1), nanos::get);

    private static HubPrincipal client(String id, Integer limit) {
        return new HubPrincipal(id, id, HubPrincipal.Kind.API_KEY, Set.of(Scopes.TICKETS_READ), limit);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void ownLimitIsEnforcedWithRemainingResetAndRetryAfter() {
        HubPrincipal p = client("a", 3);
        RateLimitDecision first = service.tryAcquire(p);
        assertThat(first).isEqualTo(new RateLimitDecision(true, 3, 2, 60, 0));
        advance(Duration.ofSeconds(10));
        assertThat(service.tryAcquire(p)).isEqualTo(new RateLimitDecision(true, 3, 1, 50, 0));
        assertThat(service.tryAcquire(p)).isEqualTo(new RateLimitDecision(true, 3, 0, 50, 0));
        advance(Duration.ofMillis(500));
        RateLimitDecision denied = service.tryAcquire(p);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.limit()).isEqualTo(3);
        assertThat(denied.remaining()).isZero();
        assertThat(denied.resetSeconds()).isEqualTo(50);
        assertThat(denied.retryAfterSeconds()).isEqualTo(50);

        advance(Duration.ofMillis(49_500)); // the next window
        assertThat(service.tryAcquire(p)).isEqualTo(new RateLimitDecision(true, 3, 2, 60, 0));
    }

    @Test
    void clientsAreIndependent() {
        HubPrincipal a = client("a", 1);
        HubPrincipal b = client("b", 1);
        assertThat(service.tryAcquire(a).allowed()).isTrue();
        assertThat(service.tryAcquire(a).allowed()).isFalse();
        assertThat(service.tryAcquire(b).allowed()).isTrue();
        assertThat(service.tryAcquire(a).allowed()).isFalse();
        assertThat(service.tryAcquire(b).allowed()).isFalse();
    }

    @Test
    void nullLimitUsesTheDefaultAndZeroIsUnlimited() {
        HubPrincipal byDefault = client("d", null);
        for (int i = 0; i < 5; i++) {
            assertThat(service.tryAcquire(byDefault).allowed()).isTrue();
        }
        assertThat(service.tryAcquire(byDefault).allowed()).isFalse();

        HubPrincipal unlimited = client("u", 0);
        for (int i = 0; i < 100; i++) {
            RateLimitDecision d = service.tryAcquire(unlimited);
            assertThat(d.allowed()).isTrue();
            assertThat(d.isUnlimited()).isTrue();
        }
        RateLimitServiceImpl noDefault = new RateLimitServiceImpl(0, Duration.ofMinutes(1), nanos::get);
        assertThat(noDefault.tryAcquire(byDefault).isUnlimited()).isTrue();
    }

    @Test
    void aChangedLimitTakesEffect() {
        assertThat(service.tryAcquire(client("a", 1)).allowed()).isTrue();
        assertThat(service.tryAcquire(client("a", 1)).allowed()).isFalse();
        RateLimitDecision raised = service.tryAcquire(client("a", 10));
        assertThat(raised.allowed()).isTrue();
        assertThat(raised.remaining()).isEqualTo(9);
    }

    @Test
    void realClockAndDefaults() throws Exception {
        assertThat(RateLimitServiceImpl.Config.class.getMethod("requestsPerMinute").getDefaultValue()).isEqualTo(1000);
        assertThat(RateLimitServiceImpl.PID).isEqualTo("org.integrationhub.security.ratelimit");
        RateLimitServiceImpl real = new RateLimitServiceImpl(2, RateLimitServiceImpl.WINDOW, System::nanoTime);
        HubPrincipal p = client("r", null);
        real.tryAcquire(p);
        real.tryAcquire(p);
        RateLimitDecision denied = real.tryAcquire(p);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.retryAfterSeconds()).isBetween(1L, 60L);
        assertThat(real.defaultRequestsPerMinute()).isEqualTo(2);
    }

    @Test
    void liveNodesShareEachLimitAndAFreshShareFollowsTheCount() {
        AtomicInteger nodes = new AtomicInteger(2);
        RateLimitServiceImpl shared = new RateLimitServiceImpl(5, Duration.ofMinutes(1), nanos::get, nodes::get);
        HubPrincipal p = client("a", 1000);
        int allowed = 0;
        for (int i = 0; i < 1000; i++) {
            allowed += shared.tryAcquire(p).allowed() ? 1 : 0;
        }
        assertThat(allowed).as("this node's half of 1000").isEqualTo(500);
        RateLimitDecision denied = shared.tryAcquire(p);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.limit()).as("the client's whole limit is reported").isEqualTo(1000);

        nodes.set(3);
        HubPrincipal odd = client("b", 10);
        int oddAllowed = 0;
        for (int i = 0; i < 10; i++) {
            oddAllowed += shared.tryAcquire(odd).allowed() ? 1 : 0;
        }
        assertThat(oddAllowed).as("ceil(10 / 3)").isEqualTo(4);

        nodes.set(1);
        assertThat(shared.tryAcquire(p).allowed()).as("alone again: the whole limit, a fresh window").isTrue();
    }
}
