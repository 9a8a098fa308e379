package org.integrationhub.connector.datadog.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.integrationhub.api.TicketStats;
import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationContext;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.spi.VendorQuota;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Datadog account and environment: an {@link IntegrationInterface} per factory configuration. Every
 * {@code interval.seconds} it takes the cluster-wide lease {@code <instance>/report}
 * ({@link IntegrationContext#acquireLease}, ttl 2.5 intervals) and, only when this hub node holds it, reads
 * {@link org.integrationhub.api.TicketService#stats()} and submits the gauges of {@link GaugeSeries} to
 * {@code POST /api/v2/series}. The submission runs on the HTTP client's threads, never on the hub's scheduler; a
 * tick that finds the previous submission still in flight skips. The outcome is reported as the instance's status:
 * a rejected key (401/403) → OFFLINE (authentication); 429, 5xx, a timeout → DEGRADED, and the next interval sends
 * the then current values (gauges are absolute, nothing is lost by skipping one). Deactivation cancels the
 * schedule. The action {@code report_now} submits at once (whether or not this node holds the lease) and answers
 * what it sent; the health check is {@code GET /api/v1/validate}. The connector takes no ticket events.
 */
@Component(service = IntegrationInterface.class, configurationPid = DatadogIntegration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = IntegrationInterface.TYPE_PROPERTY + "=" + DatadogIntegration.TYPE)
@Designate(ocd = DatadogConfiguration.class, factory = true)
public class DatadogIntegration implements IntegrationInterface {

    static final String FACTORY_PID = "org.integrationhub.connector.datadog";
    static final String TYPE = "datadog";
    static final String REPORT_NOW = "report_now";
    /** Configuration key of the API key: private (leading dot), so DS never publishes it as a service property. */
    static final String API_KEY = ".api.key";
    static final int MIN_INTERVAL_SECONDS = 5;
    static final int MAX_INTERVAL_SECONDS = 3600;
    static final int MAX_TIMEOUT_MILLIS = 9000;
    /** The first report of a new instance comes after this, or after one interval if that is shorter. */
    static final Duration FIRST_REPORT_DELAY = Duration.ofSeconds(5);

    private final Logger logger = LoggerFactory.getLogger(DatadogIntegration.class);
    private final IntegrationContext context;
    private final IntegrationDescriptor descriptor;
    private final String name;
    private final String environment;
    private final String unconfigured;
    private final List<String> baseTags;
    private final DatadogClient datadog;
    private final Duration interval;
    private final String leaseName;
    private final Duration leaseTtl;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final ScheduledFuture<?> schedule;
    private volatile String activity = "no report yet";
    private volatile boolean stopped;
    /** Whether this node held the lease at its latest attempt, so that a change of role is logged once. */
    private volatile boolean holding;

    @Activate
    public DatadogIntegration(@Reference IntegrationContext context, DatadogConfiguration config) {
        this(context, config, FIRST_REPORT_DELAY);
    }

    /**
     * @param firstReport delay of the first scheduled report (capped at one interval); tests choose it
     */
    DatadogIntegration(IntegrationContext context, DatadogConfiguration config, Duration firstReport) {
        this.context = context;
        this.name = config.integration_name();
        this.descriptor = new IntegrationDescriptor(name, TYPE, bundleVersion(), List.of(
                new ActionDescriptor(REPORT_NOW, "Submits the ticket gauges to Datadog at once and answers the series "
                        + "sent", List.of())),
                VendorQuota.UNLIMITED, Set.of(API_KEY));
        this.environment = config.environment() == null ? "" : config.environment().strip();
        String apiKey = context.resolveSecret(config._api_key()).strip();
        int seconds = config.interval_seconds();
        int timeoutMillis = config.timeout_millis();
        List<String> tags = List.of();
        String problem = null;
        if (apiKey.isEmpty()) {
            problem = API_KEY + " is not set";
        } else if (!isHttpUrl(config.api_url())) {
            problem = "api.url must be an http(s) URL such as https://api.datadoghq.com";
        } else if (seconds < MIN_INTERVAL_SECONDS || seconds > MAX_INTERVAL_SECONDS) {
            problem = "interval.seconds must be " + MIN_INTERVAL_SECONDS + " to " + MAX_INTERVAL_SECONDS + ", was "
                    + seconds;
        } else if (timeoutMillis < 100 || timeoutMillis > MAX_TIMEOUT_MILLIS) {
            problem = "timeout.millis must be 100 to " + MAX_TIMEOUT_MILLIS + ", was " + timeoutMillis;
        } else {
            try {
                tags = GaugeSeries.baseTags(environment, config.tags());
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        this.unconfigured = problem;
        this.baseTags = tags;
        this.interval = Duration.ofSeconds(Math.max(MIN_INTERVAL_SECONDS, seconds));
        this.leaseName = name + "/report";
        this.leaseTtl = Duration.ofMillis(interval.toMillis() * 5 / 2);
        this.datadog = new DatadogClient(context.httpClient(), problem == null ? config.api_url() : "http://invalid",
                apiKey, Duration.ofMillis(Math.max(100, Math.min(MAX_TIMEOUT_MILLIS, timeoutMillis))));
        if (unconfigured != null) {
            context.reportStatus(name, HealthResult.unconfigured(unconfigured));
            logger.warn("Datadog instance '{}' is not usable: {}", name, unconfigured);
            this.schedule = null;
        } else {
            long first = Math.min(firstReport.toMillis(), interval.toMillis());
            this.schedule = context.scheduler().scheduleWithFixedDelay(this::tick, first, interval.toMillis(),
                    TimeUnit.MILLISECONDS);
            logger.info("Datadog instance '{}' reports every {} s (lease {}, ttl {} s)", name, interval.toSeconds(),
                    leaseName, leaseTtl.toMillis() / 1000.0);
        }
    }

    /** Cancels the schedule; a submission in flight completes on its own (bounded by its timeout). */
    @Deactivate
    void deactivate() {
        stopped = true;
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /** @return the periodic report, or null when the instance is not configured (for tests) */
    ScheduledFuture<?> schedule() {
        return schedule;
    }

    /** One scheduled run: never throws, so the fixed-delay schedule goes on. */
    void tick() {
        try {
            reportIfLeaseHolder();
        } catch (RuntimeException e) {
            logger.warn("Datadog instance '{}': report failed: {}", name, e.toString());
        }
    }

    /**
     * Takes or renews the lease and, when this node holds it, starts a submission and returns without waiting
     * for it.
     *
     * @return the submission, completing when it is done (never exceptionally); null when nothing was sent
     */
    CompletableFuture<Void> reportIfLeaseHolder() {
        if (stopped || unconfigured != null) {
            return null;
        }
        if (!inFlight.compareAndSet(false, true)) {
            logger.debug("Datadog instance '{}': the previous report is still in flight; skipping this one", name);
            return null;
        }
        boolean started = false;
        try {
            boolean holder;
            try {
                holder = context.acquireLease(leaseName, leaseTtl);
            } catch (RuntimeException e) {
                logger.warn("Datadog instance '{}': could not take the report lease, skipping this report: {}", name,
                        e.getMessage());
                context.reportStatus(name, HealthResult.degraded("could not take the report lease (database): "
                        + e.getMessage()));
                return null;
            }
            if (!holder) {
                holding = false;
                if (!activity.startsWith("standby")) {
                    logger.info("Datadog instance '{}': another hub node holds {}; this node stands by", name,
                            leaseName);
                }
                activity = "standby: another hub node holds the lease " + leaseName + " and reports";
                context.reportStatus(name, HealthResult.online(activity));
                return null;
            }
            if (!holding) {
                holding = true;
                logger.info("Datadog instance '{}': this hub node holds {} and reports", name, leaseName);
            }
            TicketStats stats = context.tickets().stats();
            List<GaugeSeries.Point> points = GaugeSeries.points(stats, baseTags);
            long timestamp = stats.at().getEpochSecond();
            CompletableFuture<Void> done = datadog.submitAsync(GaugeSeries.body(points, timestamp))
                    .handle((ok, failure) -> {
                        inFlight.set(false);
                        outcome(points.size(), timestamp, failure == null ? null : unwrap(failure));
                        return null;
                    });
            started = true;
            return done;
        } finally {
            if (!started) {
                inFlight.set(false);
            }
        }
    }

    private void outcome(int series, long timestamp, IntegrationException failure) {
        if (failure == null) {
            activity = "last report: " + series + " series at " + Instant.ofEpochSecond(timestamp);
            logger.debug("Datadog instance '{}': {}", name, activity);
            context.reportStatus(name, HealthResult.online(activity));
            return;
        }
        switch (failure.category()) {
            case RATE_LIMITED, COMMUNICATION -> {
                logger.info("Datadog instance '{}': report skipped, the next interval sends again: {}", name,
                        failure.getMessage());
                context.reportStatus(name, HealthResult.degraded("report skipped, the next interval sends again: "
                        + failure.getMessage()));
            }
            default -> {
                logger.warn("Datadog instance '{}': report rejected ({}): {}", name,
                        failure.category().name().toLowerCase(Locale.ROOT), failure.getMessage());
                context.reportStatus(name, HealthResult.of(failure));
            }
        }
    }

    private static IntegrationException unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof IntegrationException e ? e
                : new IntegrationException(ErrorCategory.INTERNAL, "report failed: " + t, t);
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ActionResult execute(ActionRequest request) throws IntegrationException {
        if (!REPORT_NOW.equals(request.action())) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "unknown action " + request.action(), null);
        }
        requireConfigured();
        TicketStats stats = context.tickets().stats();
        List<GaugeSeries.Point> points = GaugeSeries.points(stats, baseTags);
        long timestamp = stats.at().getEpochSecond();
        try {
            datadog.submit(GaugeSeries.body(points, timestamp));
        } catch (IntegrationException e) {
            outcome(points.size(), timestamp, e);
            throw e;
        }
        outcome(points.size(), timestamp, null);
        return new ActionResult(GaugeSeries.summary(points, timestamp));
    }

    @Override
    public HealthResult checkHealth() {
        if (unconfigured != null) {
            return HealthResult.unconfigured(unconfigured);
        }
        try {
            datadog.validate();
            return HealthResult.online("API key valid; " + activity);
        } catch (IntegrationException e) {
            return HealthResult.of(e);
        }
    }

    private void requireConfigured() throws IntegrationException {
        if (unconfigured != null) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, unconfigured, null);
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url == null ? "" : url.strip());
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "DatadogIntegration[" + name + ", environment " + environment + "]";
    }

    /** @return the version of this bundle ("0.0.0" outside OSGi, e.g. in unit tests) */
    private static String bundleVersion() {
        Bundle bundle = FrameworkUtil.getBundle(DatadogIntegration.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}
