package org.integrationhub.delivery.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.integrationhub.api.EventType;
import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryAttempt;
import org.integrationhub.delivery.DeliveryMetrics;
import org.integrationhub.delivery.DeliveryPage;
import org.integrationhub.delivery.DeliveryQuery;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryStats;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.SubscriptionSource;
import org.integrationhub.delivery.internal.dispatch.DeliveryStore;
import org.integrationhub.delivery.internal.dispatch.DirectLane;
import org.integrationhub.delivery.internal.dispatch.Dispatcher;
import org.integrationhub.delivery.internal.dispatch.NodeWatch;
import org.integrationhub.delivery.internal.log.DeliveryLog;
import org.integrationhub.delivery.internal.relay.Relay;
import org.integrationhub.delivery.internal.shared.Settings;
import org.integrationhub.delivery.internal.shared.Unsettled;
import org.integrationhub.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable delivery engine: relays the outbox into deliveries and dispatches them, woken right after each commit
 * by the core's EventAdmin events and by a polling safety net. It is made of its parts, each in a sub-package (see the
 * package doc for what each holds and the journal's invariants): the {@link Relay}, the {@link Dispatcher} with its
 * {@link DirectLane}, and the {@link DeliveryLog}, which answers the {@link DeliveryService} and
 * {@link DeliveryMetrics} calls this component registers.
 */
@Component(service = {DeliveryService.class, DeliveryMetrics.class, EventHandler.class}, immediate = true,
        configurationPid = DeliveryEngine.PID,
        property = EventConstants.EVENT_TOPIC + "=org/integrationhub/*")
@Designate(ocd = EngineConfig.class)
public class DeliveryEngine implements DeliveryService, DeliveryMetrics, EventHandler {

    static final String PID = "org.integrationhub.delivery";

    private final Logger logger = LoggerFactory.getLogger(DeliveryEngine.class);
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Settings settings;
    private final DeliveryLog log;
    private final Relay relay;
    private final Dispatcher dispatcher;
    private final DirectLane lane;
    private final DeliveryStore store;
    private final NodeWatch nodes;
    private volatile boolean leasesReleased;
    private final Statistics statistics;
    private final Map<String, DeliveryTransport> transports = new ConcurrentHashMap<>();
    private final Map<String, SubscriptionSource> sources = new ConcurrentHashMap<>();
    private final AtomicBoolean pumpScheduled = new AtomicBoolean();
    private final AtomicBoolean pumping = new AtomicBoolean();
    private volatile boolean again;
    private volatile boolean active = true;
    private final ScheduledFuture<?> poll;
    private final ScheduledFuture<?> purge;
    private final ScheduledFuture<?> beat;

    @Activate
    public DeliveryEngine(@Reference Database db,
            @Reference(target = "(hub.scheduler=shared)") ScheduledExecutorService scheduler, EngineConfig config) {
        this(db, scheduler, Clock.systemUTC(), settings(config, defaultNodeName()));
    }

    DeliveryEngine(Database db, ScheduledExecutorService scheduler, Clock clock, Settings settings) {
        this(db, scheduler, clock, settings, new Unsettled());
    }

    private DeliveryEngine(Database db, ScheduledExecutorService scheduler, Clock clock, Settings settings,
            Unsettled unsettled) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.log = new DeliveryLog(db, clock, settings, unsettled, this::wake);
        this.settings = settings;
        this.relay = new Relay(db, clock, settings, unsettled);
        this.statistics = new Statistics(db, clock, scheduler);
        this.store = new DeliveryStore(db);
        this.dispatcher = new Dispatcher(store, clock, settings, scheduler, this::wake, unsettled);
        this.lane = settings.directDispatch()
                ? new DirectLane(dispatcher, transports::get, scheduler, clock, settings.lease()) : null;
        this.nodes = new NodeWatch(db, store, clock, settings.nodeName(), settings.nodeTimeout());
        releaseOwnLeases();
        long beatMillis = nodes.interval().toMillis();
        beat = scheduler.scheduleWithFixedDelay(this::beatQuietly, 0, beatMillis, TimeUnit.MILLISECONDS);
        long pollMillis = settings.pollInterval().toMillis();
        poll = scheduler.scheduleWithFixedDelay(this::wake, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        purge = scheduler.scheduleWithFixedDelay(this::purgeQuietly, 1, 60, TimeUnit.MINUTES);
    }

    @Deactivate
    public void deactivate() {
        active = false;
        if (lane != null) {
            lane.shutdown();
        }
        poll.cancel(false);
        purge.cancel(false);
        // the delivery_node row is left to expire: if this node does not come back within the node timeout, another
        // node releases what it still holds then (attempts still in flight now have that long to finish)
        beat.cancel(false);
        try {
            relay.resign();
        } catch (RuntimeException e) {
            logger.warn("Could not give up the relay lease (another node relays once it runs out): {}", e.toString());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void bindTransport(DeliveryTransport transport, Map<String, Object> props) {
        transports.put(kind(props), transport);
        wake();
    }

    public void unbindTransport(DeliveryTransport transport, Map<String, Object> props) {
        transports.remove(kind(props), transport);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void bindSource(SubscriptionSource source, Map<String, Object> props) {
        sources.put(kind(props), source);
        wake();
    }

    public void unbindSource(SubscriptionSource source, Map<String, Object> props) {
        sources.remove(kind(props), source);
    }

    @Override
    public DeliveryPage list(DeliveryQuery query) {
        return log.list(query);
    }

    @Override
    public Optional<Delivery> get(String deliveryId) {
        return log.get(deliveryId);
    }

    @Override
    public List<DeliveryAttempt> attempts(String deliveryId) {
        return log.attempts(deliveryId);
    }

    @Override
    public Delivery redeliver(String deliveryId) {
        return log.redeliver(deliveryId);
    }

    @Override
    public int replay(String kind, String subscriberId, Instant since, Instant until, Set<EventType> types) {
        return log.replay(kind, subscriberId, since, until, types);
    }

    @Override
    public int retryFailed(String kind, String subscriberId) {
        return log.retryFailed(kind, subscriberId);
    }

    @Override
    public int cancelPending(String kind, String subscriberId, String reason) {
        return log.cancelPending(kind, subscriberId, reason);
    }

    @Override
    public int resume(String kind, String subscriberId) {
        return log.resume(kind, subscriberId);
    }

    @Override
    public DeliveryStats stats(String kind, String subscriberId) {
        return log.stats(kind, subscriberId);
    }

    @Override
    public Map<String, DeliveryMetrics.Queue> queues() {
        return log.queues();
    }

    @Override
    public Map<String, Map<DeliveryMetrics.Outcome, Long>> outcomes() {
        return dispatcher.outcomes();
    }

    @Override
    public List<DeliveryMetrics.Minute> perMinute(int minutes) {
        return log.perMinute(minutes);
    }

    /** A committed change: relay and dispatch now rather than at the next poll. */
    @Override
    public void handleEvent(Event event) {
        wake();
    }

    /** Schedules one pump on the shared scheduler unless one is already waiting to run. */
    private void wake() {
        if (active && pumpScheduled.compareAndSet(false, true)) {
            scheduler.execute(this::pump);
        }
    }

    /**
     * Releases the leases this node held before its restart. Never throws: a database that is not ready yet (e.g. a
     * DataSource being replaced while the hub starts) must not fail the component; the next round tries again.
     */
    private void releaseOwnLeases() {
        try {
            int released = store.releaseLeases(settings.nodeName(), clock.instant());
            leasesReleased = true;
            if (released > 0) {
                logger.info("Released {} delivery lease(s) held by this node ({}) before its restart", released,
                        settings.nodeName());
            }
        } catch (RuntimeException e) {
            logger.warn("Could not release this node's delivery leases yet (retried at the next round): {}",
                    e.toString());
        }
    }

    /** One beat of {@link NodeWatch}; never throws (a missed beat is made up by the next, well before the timeout). */
    private void beatQuietly() {
        try {
            if (nodes.beat() > 0) {
                wake(); // claim what a dead node held, now
            }
        } catch (RuntimeException e) {
            logger.warn("Could not renew this node's sign of life or look for dead nodes (next try in {} ms): {}",
                    nodes.interval().toMillis(), e.toString());
        }
    }

    private void pump() {
        pumpScheduled.set(false);
        if (!pumping.compareAndSet(false, true)) {
            again = true;
            return;
        }
        try {
            if (!leasesReleased) {
                releaseOwnLeases();
                if (!leasesReleased) {
                    return; // nothing is relayed or claimed before this node's old leases are given back
                }
            }
            if (dispatcher.hasUnwritten()) {
                dispatcher.flush();
            }
            do {
                again = false;
                int total = 0;
                // with direct dispatch the relay waits while this node has maxInFlight deliveries to finish
                while (active && (lane == null || lane.hasCapacity())) {
                    int relayed = relay.relayBatch(Map.copyOf(sources), lane);
                    total += relayed;
                    if (relayed < settings.batchSize()) {
                        break;
                    }
                }
                statistics.relayed(total);
                int started;
                do {
                    started = dispatcher.dispatchBatch(Map.copyOf(transports));
                } while (started >= settings.batchSize() && active);
            } while (again && active);
        } catch (RuntimeException e) {
            logger.warn("Delivery engine round failed (retried at the next poll): {}", e.toString());
            logger.debug("Delivery engine round failure", e);
        } finally {
            pumping.set(false);
        }
        if (again) {
            wake();
        }
    }

    /** The hourly purge, on the node that relays (one node of a cluster: the relay's lease elects it). */
    private void purgeQuietly() {
        if (!relay.relaying()) {
            logger.debug("Delivery log purge left to the node that relays the outbox");
            return;
        }
        try {
            int purged = log.purge();
            if (purged > 0) {
                logger.info("Purged {} completed deliveries older than {}", purged, settings.retention());
            }
        } catch (RuntimeException e) {
            logger.warn("Delivery log purge failed: {}", e.toString());
        }
    }

    /** @return whether this node relays the outbox (and so purges the log) */
    boolean relaying() {
        return relay.relaying();
    }

    /** Purges the log now (tests; the engine purges hourly). */
    int purge() {
        return log.purge();
    }

    /** @return the kinds with a transport right now */
    Set<String> transportKinds() {
        return Set.copyOf(transports.keySet());
    }

    int inFlight() {
        return dispatcher.inFlight();
    }

    /** @return the direct-dispatch chains alive on this node (0 when idle) */
    int directChains() {
        return lane == null ? 0 : lane.chains();
    }

    /** @return the settings this configuration describes */
    static Settings settings(EngineConfig c, String defaultNodeName) {
        Set<String> kinds = Arrays.stream(c.requiredKinds()).map(String::trim).filter(k -> !k.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new Settings(c.nodeName().isBlank() ? defaultNodeName : c.nodeName().trim(), kinds,
                Duration.ofMillis(c.pollIntervalMillis()), Duration.ofSeconds(c.leaseSeconds()), c.batchSize(),
                c.maxInFlight(), c.stallInFlight(), Duration.ofSeconds(c.stallSeconds()),
                Duration.ofSeconds(c.absentRecheckSeconds()),
                Duration.ofHours(c.absentRetentionHours()), Duration.ofMinutes(1), Duration.ofDays(c.retentionDays()),
                c.directDispatch());
    }

    private static String kind(Map<String, Object> props) {
        Object kind = props.get(DeliveryTransport.KIND_PROPERTY);
        if (kind == null) {
            throw new IllegalArgumentException("service without " + DeliveryTransport.KIND_PROPERTY + " property");
        }
        return kind.toString();
    }

    private static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        String data = System.getProperty("karaf.data", "");
        return (host + ":" + Integer.toHexString(data.hashCode()));
    }
}
