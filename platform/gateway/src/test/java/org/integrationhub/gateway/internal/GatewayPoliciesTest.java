package org.integrationhub.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.integrationhub.gateway.GatewayException;
import org.integrationhub.gateway.GatewayException.Reason;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.spi.VendorQuota;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives every gateway policy with a scripted fake connector; no mocks, real resilience4j and real threads. */
class GatewayPoliciesTest {

    private ScheduledExecutorService scheduler;
    private IntegrationRegistry registry;
    private Gateway gateway;

    @BeforeEach
    void setUp() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        Deadlines deadlines = new Deadlines();
        scheduler.scheduleWithFixedDelay(deadlines::sweep, 5, 5, TimeUnit.MILLISECONDS);
        registry = new IntegrationRegistry(deadlines);
        gateway = new Gateway(registry, () -> null, () -> null);
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    private FakeConnector connector(VendorQuota quota, PolicySettings settings) {
        FakeConnector c = new FakeConnector("fake", quota);
        registry.setPolicy("fake", settings);
        registry.add(c, "test/1.0.0");
        return c;
    }

    private static PolicySettings fastRetries() {
        PolicySettings d = PolicySettings.DEFAULTS;
        return new PolicySettings(0, d.rateLimitPeriod(), Duration.ZERO, 3, Duration.ofMillis(10), 2.0,
                Duration.ofMillis(500), 0.5, 50f, 4, 4, Duration.ofMillis(300), 2, Duration.ofMillis(200), 2,
                Duration.ZERO);
    }

    @Test
    void vendorQuotaIsEnforcedWith429AndRetryAfter() throws Exception {
        FakeConnector c = connector(new VendorQuota(2, Duration.ofSeconds(10)), fastRetries());
        gateway.execute("fake", "echo", Map.of());
        gateway.execute("fake", "echo", Map.of());
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> gateway.execute("fake", "echo", Map.of()));
        assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.calls).hasValue(2);
        assertThat(gateway.get("fake").orElseThrow().stats().failures()).containsEntry("rate_limited_local", 1L);
        assertThat(gateway.get("fake").orElseThrow().status()).isEqualTo(IntegrationStatus.DEGRADED);
    }

    @Test
    void deliveriesTheRateLimitRefusesComeBackSpreadAtTheLimitsPace() throws Exception {
        FakeConnector c = connector(new VendorQuota(2, Duration.ofSeconds(10)), fastRetries());
        var event = EventRoutingTest.event(org.integrationhub.api.EventType.TICKET_CREATED,
                org.integrationhub.api.Priority.NORMAL);
        gateway.deliver("fake", event);
        gateway.deliver("fake", event);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            GatewayException e = catchThrowableOfType(GatewayException.class, () -> gateway.deliver("fake", event));
            assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
            assertThat(e.category()).as("the hub's own limit, not the vendor's").isNull();
            waits.add(e.retryAfter());
        }
        // the first waits one step of the limit's pace (period / permits = 5 s), each later one a step more
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(4900), Duration.ofSeconds(5));
        assertThat(waits.get(1).minus(waits.get(0))).isBetween(Duration.ofMillis(4900), Duration.ofMillis(5000));
        assertThat(waits.get(2).minus(waits.get(1))).isBetween(Duration.ofMillis(4900), Duration.ofMillis(5000));
        assertThat(c.calls).hasValue(2);
    }

    @Test
    void operatorCanLowerButNotRaiseTheVendorQuota() {
        VendorQuota vendor = VendorQuota.perSecond(10);
        PolicySettings d = PolicySettings.DEFAULTS;
        PolicySettings lower = new PolicySettings(1, Duration.ofSeconds(1), Duration.ZERO, 3, d.retryInitialBackoff(),
                2, d.retryMaxBackoff(), 0.5, 50, 20, 10, d.circuitOpenWait(), 3, d.timeout(), 10, Duration.ZERO);
        PolicySettings higher = new PolicySettings(100, Duration.ofSeconds(1), Duration.ZERO, 3,
                d.retryInitialBackoff(), 2, d.retryMaxBackoff(), 0.5, 50, 20, 10, d.circuitOpenWait(), 3, d.timeout(),
                10, Duration.ZERO);
        assertThat(lower.effectiveQuota(vendor)).isEqualTo(VendorQuota.perSecond(1));
        assertThat(higher.effectiveQuota(vendor)).isEqualTo(vendor);
        assertThat(lower.effectiveQuota(VendorQuota.UNLIMITED)).isEqualTo(VendorQuota.perSecond(1));
    }

    @Test
    void retryableFailureIsRetriedThenSucceedsWithTheSameIdempotencyKey() throws Exception {
        FakeConnector c = connector(VendorQuota.UNLIMITED, fastRetries())
                .then(FakeConnector.fail(ErrorCategory.COMMUNICATION), FakeConnector.fail(ErrorCategory.COMMUNICATION));
        ActionResult result = gateway.execute("fake", "echo", Map.of());
        assertThat(result.data()).containsEntry("ok", true);
        assertThat(c.calls).hasValue(3);
        assertThat(c.requests).extracting(r -> r.idempotencyKey()).containsOnly(c.requests.get(0).idempotencyKey());
        assertThat(gateway.get("fake").orElseThrow().stats().failures()).containsEntry("communication", 2L);
    }

    @Test
    void retryHonoursRetryAfter() throws Exception {
        FakeConnector c = connector(VendorQuota.UNLIMITED, fastRetries()).then(r -> {
            throw new IntegrationException(ErrorCategory.RATE_LIMITED, "slow down", null, Duration.ofMillis(300));
        });
        long start = System.nanoTime();
        gateway.execute("fake", "echo", Map.of());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(c.calls).hasValue(2);
    }

    @Test
    void retryAfterBeyondTheMaximumBackoffIsPassedOnAs429() {
        FakeConnector c = connector(VendorQuota.UNLIMITED, fastRetries()).then(r -> {
            throw new IntegrationException(ErrorCategory.RATE_LIMITED, "quota gone", null, Duration.ofSeconds(60));
        });
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> gateway.execute("fake", "echo", Map.of()));
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.calls).hasValue(1);
    }

    @Test
    void aRateLimitWithoutADurationIsPassedOnAs429WithADefaultRetryAfter() {
        FakeConnector c = connector(VendorQuota.UNLIMITED, fastRetries()).then(r -> {
            throw new IntegrationException(ErrorCategory.RATE_LIMITED, "ratelimited", null);
        });
        c.otherwise = r -> {
            throw new IntegrationException(ErrorCategory.RATE_LIMITED, "ratelimited", null);
        };
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> gateway.execute("fake", "echo", Map.of()));
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(GatewayErrors.UNSPECIFIED_RATE_LIMIT);
    }

    @Test
    void nonRetryableFailuresAreNotRetried() {
        FakeConnector c = connector(VendorQuota.UNLIMITED, fastRetries());
        c.otherwise = FakeConnector.fail(ErrorCategory.AUTHENTICATION);
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> gateway.execute("fake", "echo", Map.of()));
        assertThat(e.reason()).isEqualTo(Reason.REMOTE_FAILURE);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
        c.otherwise = FakeConnector.fail(ErrorCategory.CONFIGURATION);
        assertThat(catchThrowableOfType(GatewayException.class, () -> gateway.execute("fake", "echo", Map.of()))
                .httpStatus()).isEqualTo(400);
        assertThat(c.calls).hasValue(2);
    }

    @Test
    void circuitOpensThenHalfOpensAndCloses() throws Exception {
        FakeConnector c = connector(VendorQuota.UNLIMITED, fastRetries());
        c.otherwise = FakeConnector.fail(ErrorCategory.COMMUNICATION);
        // 4 calls in the window, all failing (the retries count too): the circuit opens
        catchThrowableOfType(GatewayException.class, () -> gateway.execute("fake", "echo", Map.of()));
        catchThrowableOfType(GatewayException.class, () -> gateway.execute("fake", "echo", Map.of()));
        int callsWhenOpen = c.calls.get();
        GatewayException open = catchThrowableOfType(GatewayException.class, () -> gateway.execute("fake", "echo", Map.of()));
        assertThat(open.reason()).isEqualTo(Reason.CIRCUIT_OPEN);
        assertThat(open.httpStatus()).isEqualTo(503);
        assertThat(open.retryAfter()).isEqualTo(Duration.ofMillis(300));
        assertThat(c.calls).hasValue(callsWhenOpen);
        assertThat(gateway.get("fake").orElseThrow().status()).isEqualTo(IntegrationStatus.OFFLINE);

        Thread.sleep(350);
        c.otherwise = FakeConnector.OK;
        gateway.execute("fake", "echo", Map.of()); // first trial call: half-open
        assertThat(gateway.get("fake").orElseThrow().stats().circuitState()).isEqualTo("HALF_OPEN");
        gateway.execute("fake", "echo", Map.of()); // second trial call succeeds: closed
        assertThat(gateway.get("fake").orElseThrow().stats().circuitState()).isEqualTo("CLOSED");
    }

    @Test
    void slowCallTimesOutWith504AndIsNotRetried() {
        FakeConnector c = connector(VendorQuota.UNLIMITED, fastRetries()).then(FakeConnector.sleep(5_000));
        long start = System.nanoTime();
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> gateway.execute("fake", "echo", Map.of()));
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e.httpStatus()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_000));
        assertThat(c.calls).hasValue(1);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(gateway.get("fake").orElseThrow().stats().failures()).containsEntry("timeout", 1L);
    }

    @Test
    void fullBulkheadRefusesWith503() throws Exception {
        FakeConnector c = connector(VendorQuota.UNLIMITED, fastRetries());
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        c.otherwise = r -> {
            inside.countDown();
            release.await(2, TimeUnit.SECONDS);
            return new ActionResult(Map.of());
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ActionResult>> running = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                running.add(pool.submit(() -> gateway.execute("fake", "echo", Map.of())));
            }
            assertThat(inside.await(2, TimeUnit.SECONDS)).isTrue();
            assertThat(gateway.get("fake").orElseThrow().stats().inFlight()).isEqualTo(2);
            GatewayException e = catchThrowableOfType(GatewayException.class, () -> gateway.execute("fake", "echo", Map.of()));
            assertThat(e.reason()).isEqualTo(Reason.BULKHEAD_FULL);
            assertThat(e.httpStatus()).isEqualTo(503);
            release.countDown();
            for (Future<ActionResult> f : running) {
                f.get(2, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
