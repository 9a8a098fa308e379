package org.integrationhub.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Leases;
import org.integrationhub.security.HubPrincipal;
import org.integrationhub.security.RateLimitDecision;
import org.integrationhub.security.RateLimitService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
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
 *
 * <p>Several hub nodes on one database (docs/clustering.md) share each limit: a node allows a client
 * {@code ceil(limit / live nodes)} per window, the live nodes counted from their leases in the database every
 * {@link LiveNodes#INTERVAL} ({@link LiveNodes}). Behind a load balancer that spreads a client's requests evenly
 * this keeps the client to its limit in total; a client whose requests all reach one node gets that node's share.
 * The answer's limit is the client's whole limit, its remaining count what this node still allows.
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
    private final IntSupplier liveNodes;
    private final ScheduledFuture<?> heartbeat;
    private final LiveNodes nodes;

    /** The limits shared by the nodes on the hub's database; the node count is renewed on the shared scheduler. */
    @Activate
    public RateLimitServiceImpl(Config config, @Reference Leases leases, @Reference Database database,
            @Reference(target = "(hub.scheduler=shared)") ScheduledExecutorService scheduler) {
        this(checked(config.requestsPerMinute()), WINDOW, System::nanoTime,
                new LiveNodes(leases, database, Clock.systemUTC(), LiveNodes.installation()), scheduler);
    }

    private RateLimitServiceImpl(int requestsPerMinute, Duration window, Supplier<Long> nanoTime, LiveNodes nodes,
            ScheduledExecutorService scheduler) {
        this(requestsPerMinute, window, nanoTime, nodes, nodes, scheduler.scheduleWithFixedDelay(nodes::beatQuietly, 0,
                LiveNodes.INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** One node, no lease table (tests and embedding: e.g. hub-rest's API test server): another window length and clock. */
    public RateLimitServiceImpl(int requestsPerMinute, Duration window, Supplier<Long> nanoTime) {
        this(requestsPerMinute, window, nanoTime, () -> 1, null, null);
    }

    /** For tests: another window length and clock, {@code liveNodes} nodes sharing the limits. */
    RateLimitServiceImpl(int requestsPerMinute, Duration window, Supplier<Long> nanoTime, IntSupplier liveNodes) {
        this(requestsPerMinute, window, nanoTime, liveNodes, null, null);
    }

    private RateLimitServiceImpl(int requestsPerMinute, Duration window, Supplier<Long> nanoTime, IntSupplier liveNodes,
            LiveNodes nodes, ScheduledFuture<?> heartbeat) {
        this.liveNodes = liveNodes;
        this.nodes = nodes;
        this.heartbeat = heartbeat;
        this.defaultLimit = checked(requestsPerMinute);
        this.window = window;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    @Deactivate
    void deactivate() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
            nodes.leave();
        }
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
        int share = (int) Math.ceil(limit / (double) Math.max(1, liveNodes.getAsInt()));
        Limiter limiter = limiters.compute(principal.clientId(),
                (id, existing) -> existing != null && existing.limit() == share ? existing : newLimiter(id, share));
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

    private static int checked(int requestsPerMinute) {
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("requestsPerMinute must be 0 (unlimited) or positive");
        }
        return requestsPerMinute;
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + SECOND_NANOS - 1) / SECOND_NANOS;
    }
}
