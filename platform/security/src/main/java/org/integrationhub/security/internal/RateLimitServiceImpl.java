package org.integrationhub.security.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.integrationhub.security.HubPrincipal;
import org.integrationhub.security.RateLimitDecision;
import org.integrationhub.security.RateLimitService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * One resilience4j {@link RateLimiter} per client id: {@code limitForPeriod} = the client's limit,
 * {@code limitRefreshPeriod} = one minute, {@code timeoutDuration} = 0 (never waits). Clients never share a limiter;
 * unlimited clients (limit 0) never touch one.
 *
 * <p>resilience4j's limiter refreshes all permits at the boundaries of fixed windows counted from its creation, so
 * the reset and retry-after figures are the time to the next boundary; they are computed here because only the
 * (non-exported) internal AtomicRateLimiter exposes its wait time.
 */
@Component(service = RateLimitService.class, configurationPid = RateLimitServiceImpl.PID)
@Designate(ocd = RateLimitServiceImpl.Config.class)
public class RateLimitServiceImpl implements RateLimitService {

    static final String PID = "org.integrationhub.security.ratelimit";
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final long SECOND_NANOS = 1_000_000_000L;

    @ObjectClassDefinition(name = "Integration Hub rate limits",
            description = "Requests per minute each API client may make; a key's own limit overrides this.")
    public @interface Config {
        @AttributeDefinition(name = "Requests per minute",
                description = "Default quota of each client per one-minute window (0 = unlimited).", min = "0")
        int requestsPerMinute() default 1000;
    }

    /** A client's limiter, the limit it was built for, and the time its windows are counted from. */
    private record Limiter(int limit, RateLimiter rateLimiter, long startNanos) {
    }

    private final int defaultLimit;
    private final Duration window;
    private final long windowNanos;
    private final Supplier<Long> nanoTime;
    private final Map<String, Limiter> limiters = new ConcurrentHashMap<>();

    @Activate
    public RateLimitServiceImpl(Config config) {
        this(config.requestsPerMinute(), WINDOW, System::nanoTime);
    }

    /** For tests: another window length and clock. */
    RateLimitServiceImpl(int requestsPerMinute, Duration window, Supplier<Long> nanoTime) {
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("requestsPerMinute must be 0 (unlimited) or positive");
        }
        this.defaultLimit = requestsPerMinute;
        this.window = window;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public int defaultRequestsPerMinute() {
        return defaultLimit;
    }

    @Override
    public RateLimitDecision tryAcquire(HubPrincipal principal) {
        Integer own = principal.rateLimitPerMinute();
        int limit = own == null ? defaultLimit : own;
        if (limit <= 0) {
            return RateLimitDecision.unlimited();
        }
        Limiter limiter = limiters.compute(principal.clientId(),
                (id, existing) -> existing != null && existing.limit() == limit ? existing : newLimiter(id, limit));
        boolean allowed = limiter.rateLimiter().acquirePermission(1);
        int remaining = Math.max(0, limiter.rateLimiter().getMetrics().getAvailablePermissions());
        long elapsed = nanoTime.get() - limiter.startNanos();
        long resetSeconds = Math.max(1, ceilSeconds(windowNanos - Math.floorMod(elapsed, windowNanos)));
        long retryAfter = allowed ? 0 : resetSeconds;
        return new RateLimitDecision(allowed, limit, remaining, resetSeconds, retryAfter);
    }

    private Limiter newLimiter(String clientId, int limit) {
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitForPeriod(limit)
                .limitRefreshPeriod(window)
                .timeoutDuration(Duration.ZERO)
                .build();
        long start = nanoTime.get();
        return new Limiter(limit, RateLimiter.of(clientId, config, Map.of(), nanoTime), start);
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + SECOND_NANOS - 1) / SECOND_NANOS;
    }
}
